import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JobProcessor } from './job-processor';
import { missingHandlers, type QueueName } from './queue-definitions';

/** Stops the worker at boot when a declared job has no handler. */
@Injectable()
export class HandlerCoverageCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const handled = new Map<QueueName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof JobProcessor) {
        const processor = instance as JobProcessor<QueueName>;
        handled.set(processor.queueName, [...(handled.get(processor.queueName) ?? []), ...processor.handledJobs()]);
      }
    }
    const missing = missingHandlers(handled);
    if (missing.length) {
      throw new Error(`Worker refuses to start: no handler for declared job(s) ${missing.join(', ')}`);
    }
  }
}

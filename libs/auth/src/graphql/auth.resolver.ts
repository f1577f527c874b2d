import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Allow,
  CurrentActor,
  mapConnection,
  PageArgs,
  Public,
  Role,
  type Actor,
  type ConnectionShape,
} from '@lib/common';
import { LoginService } from '../login.service';
import { UsersService } from '../users.service';
import { AuthPayloadModel, toUserModel, UserConnection, UserModel } from './user.model';
import { CreateUserInput, LoginInput } from './auth.inputs';

const EVERY_ROLE = Object.values(Role);

@Resolver(() => UserModel)
export class AuthResolver {
  constructor(
    private readonly login: LoginService,
    private readonly usersService: UsersService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel, {
    description:
      'Sign in with email and password; returns a bearer token. After LOGIN_MAX_FAILURES attempts in a row for one email from one address, each further attempt from that address waits (15 s, doubling, at most LOGIN_LOCK_SECONDS).',
  })
  async signIn(@Args('input') input: LoginInput): Promise<AuthPayloadModel> {
    const result = await this.login.login(input.email, input.password);
    return { token: result.token, expiresAt: result.expiresAt, user: toUserModel(result.user) };
  }

  @Allow(...EVERY_ROLE)
  @Query(() => UserModel, { description: 'The signed-in user.' })
  async me(@CurrentActor() actor: Actor): Promise<UserModel> {
    return toUserModel(await this.usersService.me(actor));
  }

  @Allow(Role.FEDERAL_COORDINATOR, Role.AUDITOR)
  @Query(() => UserConnection, { description: 'Every user, by email.' })
  async users(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<ConnectionShape<UserModel>> {
    return mapConnection(await this.usersService.list(actor, page), toUserModel);
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => UserModel, { description: 'Create a user with one role (coordinators only).' })
  async createUser(@CurrentActor() actor: Actor, @Args('input') input: CreateUserInput): Promise<UserModel> {
    return toUserModel(await this.usersService.create(actor, input));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => UserModel, { description: 'Disable a user: their tokens stop working at once (coordinators only).' })
  async disableUser(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID }, ParseUUIDPipe) userId: string,
  ): Promise<UserModel> {
    return toUserModel(await this.usersService.setDisabled(actor, userId, true));
  }

  @Allow(Role.FEDERAL_COORDINATOR)
  @Mutation(() => UserModel, { description: 'Enable a disabled user again (coordinators only).' })
  async enableUser(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID }, ParseUUIDPipe) userId: string,
  ): Promise<UserModel> {
    return toUserModel(await this.usersService.setDisabled(actor, userId, false));
  }
}

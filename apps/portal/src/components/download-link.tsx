/**
 * A same-origin download (the session cookie authorizes GET downloads). A plain link, so it works
 * by keyboard and the browser saves the file with the server's name.
 */
export function DownloadLink({ href, children }: { href: string; children: string }) {
  return (
    <a className="button secondary" href={href} download>
      {children}
    </a>
  );
}

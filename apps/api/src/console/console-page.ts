/** The console page: a sign-in bar above GraphiQL. Everything it loads is served by this API. */
export function renderConsolePage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>CGT Access Platform console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/console/assets/graphiql.css" />
    <link rel="stylesheet" href="/console/assets/console.css" />
  </head>
  <body>
    <header id="bar">
      <strong>CGT Access Platform</strong>
      <form id="sign-in">
        <input id="email" type="email" placeholder="email" autocomplete="username" required />
        <input id="password" type="password" placeholder="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
      <span id="who"></span>
      <button id="sign-out" type="button" hidden>Sign out</button>
      <a href="/queues" id="queues-link">Queues</a>
      <span id="message" role="status"></span>
    </header>
    <div id="root"></div>
    <script src="/console/assets/graphiql.js"></script>
    <script src="/console/assets/console.js"></script>
  </body>
</html>`;
}

export const CONSOLE_CSS = `
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
#bar { display: flex; gap: 12px; align-items: center; padding: 6px 12px; background: #112e51; color: #fff; font-size: 14px; }
#bar input { padding: 3px 6px; }
#bar a { color: #fff; }
#message { color: #ffbe2e; }
#root { flex: 1; min-height: 0; }
`;

/** Client script: sign in for a token, hand it to GraphiQL as the Authorization header. */
export function renderConsoleScript(examples: { title: string; query: string; variables?: unknown }[]): string {
  const tabs = examples.map((e) => ({
    query: e.query,
    variables: e.variables === undefined ? undefined : JSON.stringify(e.variables, null, 2),
  }));
  return `(function () {
  var KEY = 'cgt-console-token';
  var token = sessionStorage.getItem(KEY);
  var tabs = ${JSON.stringify(tabs)};
  var $ = function (id) { return document.getElementById(id); };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return label === 'json' ? '/console/assets/worker-json.js'
        : label === 'graphql' ? '/console/assets/worker-graphql.js'
        : '/console/assets/worker-editor.js';
    }
  };
  function showUser(user) {
    $('who').textContent = user ? user.email + ' (' + user.role + ')' : '';
    $('sign-in').hidden = Boolean(user);
    $('sign-out').hidden = !user;
  }
  showUser(JSON.parse(sessionStorage.getItem(KEY + '-user') || 'null'));
  $('sign-in').addEventListener('submit', function (event) {
    event.preventDefault();
    fetch('/console/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: $('email').value, password: $('password').value })
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (result) {
        if (!result.ok) { $('message').textContent = (result.body.error && result.body.error.message) || 'Sign-in failed'; return; }
        sessionStorage.setItem(KEY, result.body.token);
        sessionStorage.setItem(KEY + '-user', JSON.stringify(result.body.user));
        location.reload();
      });
  });
  $('sign-out').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(KEY + '-user');
    fetch('/console/session', { method: 'DELETE' }).then(function () { location.reload(); });
  });
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), {
    endpoint: '/graphql',
    title: 'CGT Access Platform',
    defaultTabs: tabs,
    defaultQuery: tabs[0] ? tabs[0].query : '',
    headers: token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : '{}',
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true
  });
})();`;
}

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
    <div id="examples" title="The examples open as tabs, the first one active"></div>
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
#examples { padding: 3px 12px; font-size: 12px; color: #1b1b1b; background: #e7f2f5; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
`;

/**
 * Client script: signs in through /v1/session, which sets the HttpOnly session cookie; GraphiQL's
 * same-origin requests carry it (the token never reaches this script). Signed in, it asks
 * /console/examples for the role's examples and opens GraphiQL afresh on them, the first one
 * active: the tabs live in memory only, so no earlier user's tabs come back.
 */
export function renderConsoleScript(publicExamples: { title: string; query: string; variables?: unknown }[]): string {
  return `(function () {
  var publicExamples = ${JSON.stringify(publicExamples)};
  var $ = function (id) { return document.getElementById(id); };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return label === 'json' ? '/console/assets/worker-json.js'
        : label === 'graphql' ? '/console/assets/worker-graphql.js'
        : '/console/assets/worker-editor.js';
    }
  };
  function memoryStorage() {
    var items = new Map();
    return {
      getItem: function (key) { return items.has(key) ? items.get(key) : null; },
      setItem: function (key, value) { items.set(key, String(value)); },
      removeItem: function (key) { items.delete(key); },
      clear: function () { items.clear(); },
      get length() { return items.size; }
    };
  }
  function render(examples) {
    var old = $('root');
    var root = document.createElement('div');
    root.id = 'root';
    old.replaceWith(root);
    var tabs = examples.map(function (e) {
      return { query: e.query, variables: e.variables === undefined ? undefined : JSON.stringify(e.variables, null, 2) };
    });
    $('examples').textContent = examples.length + ' examples: ' + examples.map(function (e) { return e.title; }).join(' · ');
    YogaGraphiQL.renderYogaGraphiQL(root, {
      endpoint: '/graphql',
      title: 'CGT Access Platform',
      credentials: 'same-origin',
      defaultTabs: tabs,
      defaultQuery: tabs[0] ? tabs[0].query : '',
      // The editors of the open tab start from these (GraphiQL reads the other tabs' on switching).
      query: tabs[0] ? tabs[0].query : '',
      variables: tabs[0] ? tabs[0].variables : undefined,
      storage: memoryStorage(),
      headers: '{}',
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'variables'
    });
  }
  function loadExamples() {
    fetch('/console/examples', { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
      .then(function (body) { render(body.examples); }, function (error) {
        $('message').textContent = 'Examples could not be loaded (' + error.message + ')';
        render(publicExamples);
      });
  }
  function showUser(user) {
    $('who').textContent = user ? user.email + ' (' + user.role + ')' : '';
    $('sign-in').hidden = Boolean(user);
    $('sign-out').hidden = !user;
  }
  function errorOf(body, fallback) { return (body && body.error && body.error.message) || fallback; }
  fetch('/v1/session', { credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (body) {
      var user = body && body.user;
      showUser(user);
      if (user) loadExamples(); else render(publicExamples);
    }, function () { showUser(null); render(publicExamples); });
  $('sign-in').addEventListener('submit', function (event) {
    event.preventDefault();
    fetch('/v1/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: $('email').value, password: $('password').value })
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (result) {
        if (!result.ok) { $('message').textContent = errorOf(result.body, 'Sign-in failed'); return; }
        $('message').textContent = '';
        $('password').value = '';
        showUser(result.body.user);
        loadExamples();
      }, function () { $('message').textContent = 'Sign-in failed: the API cannot be reached'; });
  });
  $('sign-out').addEventListener('click', function () {
    fetch('/v1/session', { method: 'DELETE', credentials: 'same-origin' }).then(function (r) {
      if (r.status === 204) { showUser(null); render(publicExamples); return; }
      return r.json().then(function (body) { $('message').textContent = errorOf(body, 'Sign-out failed'); });
    });
  });
})();`;
}

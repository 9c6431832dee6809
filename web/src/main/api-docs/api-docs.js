// The API explorer: Swagger UI over Stoker's own OpenAPI document. Requests carry the console's session:
// the bearer token the console keeps in this tab's sessionStorage (key stoker.session, see
// app/api/session.ts), so "Try it out" acts as the signed-in user, with that user's roles and nothing more.
(function () {
  'use strict';
  var KEY = 'stoker.session';

  function token() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(KEY) || 'null');
      if (stored && typeof stored.token === 'string' && stored.token && stored.expiresAt > Date.now()) {
        return stored.token;
      }
    } catch (e) {
      // storage disabled or unreadable: no session
    }
    return null;
  }

  var banner = document.getElementById('stoker-session');
  if (token()) {
    banner.textContent = 'Requests are sent with your console session.';
  }

  // Swagger UI (5.33 and later) mounts only the rows near the viewport once a document has 150 tags and
  // operations or more, as Stoker's has: the rest render as they scroll into view, and the browser's find in
  // page cannot see them. The filter (a box above the list: a tag or a path, case-insensitive) and the
  // alphabetical tag order make up for that; a deep link (#/Tag/operationId) scrolls to its operation.
  window.ui = window.SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    filter: true,
    tagsSorter: 'alpha',
    tryItOutEnabled: false,
    requestInterceptor: function (request) {
      var t = token();
      if (t && !request.headers.Authorization) {
        request.headers.Authorization = 'Bearer ' + t;
      }
      return request;
    },
  });
})();

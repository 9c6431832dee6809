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

  window.ui = window.SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
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

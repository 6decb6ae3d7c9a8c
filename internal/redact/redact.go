// Package redact keeps secrets that ride in URLs — passwords and tokens in
// user:password@, API keys and signatures in the query — out of logs and
// printed configuration. It is pure and safe for concurrent use.
package redact

import (
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces a secret.
const Mask = "REDACTED"

// secretParams are query parameter names (lower-cased, without "-" and
// "_") whose values are credentials.
var secretParams = map[string]bool{
	"token": true, "accesstoken": true, "authtoken": true, "refreshtoken": true, "idtoken": true,
	"key": true, "apikey": true, "accesskey": true, "secret": true, "clientsecret": true,
	"password": true, "passwd": true, "pwd": true, "pass": true, "auth": true, "authorization": true,
	"sig": true, "signature": true, "xamzsignature": true, "xamzcredential": true, "xamzsecuritytoken": true,
	"xgoogsignature": true, "xgoogcredential": true, "session": true, "sessionid": true, "sid": true,
	"code": true, "credential": true, "credentials": true, "hash": true, "jwt": true,
}

// isSecretParam reports whether a query parameter name is a credential's.
func isSecretParam(name string) bool {
	n := strings.NewReplacer("-", "", "_", "", ".", "").Replace(strings.ToLower(name))
	return secretParams[n] || strings.HasSuffix(n, "token") || strings.HasSuffix(n, "secret") ||
		strings.HasSuffix(n, "password") || strings.HasSuffix(n, "apikey")
}

// URL returns raw with its credentials masked: the password of
// user:password@ (the whole user info when there is no password — NATS
// and others read a lone user name as a token) and the values of query
// parameters named like credentials (token, key, api_key, secret, sig,
// password, …). Anything that does not parse as a URL with a scheme and
// host is returned unchanged.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return raw
	}
	changed := false
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), Mask)
		} else {
			u.User = url.User(Mask)
		}
		changed = true
	}
	if u.RawQuery != "" {
		parts := strings.Split(u.RawQuery, "&")
		for i, p := range parts {
			k, _, hasV := strings.Cut(p, "=")
			name, err := url.QueryUnescape(k)
			if err != nil {
				name = k
			}
			if hasV && isSecretParam(name) {
				parts[i] = k + "=" + Mask
				changed = true
			}
		}
		u.RawQuery = strings.Join(parts, "&")
	}
	if !changed {
		return raw
	}
	return u.String()
}

// Endpoint returns only the scheme and host of raw, with "/…" for a path
// or query: for webhook URLs, whose path is often the secret (chat
// services put the token there).
func Endpoint(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return Mask
	}
	out := u.Scheme + "://" + u.Host
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		out += "/…"
	}
	return out
}

// urlPattern finds URLs with a scheme in free text (log messages, error
// strings): http(s), nats, tls, ws(s) and the like. A comma ends one, so a
// list of server URLs is read as several.
var urlPattern = regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\s"'<>\x60,]+`)

// Text returns s with every URL in it passed through URL.
func Text(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlPattern.ReplaceAllStringFunc(s, URL)
}

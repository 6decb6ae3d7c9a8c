package crawler

import (
	"context"
	"net/netip"
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/modelwire/modelwire/event"
)

// SameSite reports whether two absolute URLs are on the same site: the
// same registrable domain by the public suffix list ("news.example.com"
// and "www.example.com"; not "a.github.io" and "b.github.io"), or the same
// host when either is an IP address or has no registrable domain. Scheme
// and port do not matter. It is pure and safe for concurrent use.
//
// A page may name its canonical URL freely only on its own site: a page on
// another site naming yours would take your article's identity.
func SameSite(a, b string) bool {
	ha, hb := siteHost(a), siteHost(b)
	if ha == "" || hb == "" {
		return false
	}
	if ha == hb {
		return true
	}
	if _, err := netip.ParseAddr(ha); err == nil {
		return false
	}
	if _, err := netip.ParseAddr(hb); err == nil {
		return false
	}
	da, err := publicsuffix.EffectiveTLDPlusOne(ha)
	if err != nil {
		return false
	}
	db, err := publicsuffix.EffectiveTLDPlusOne(hb)
	return err == nil && da == db
}

// siteHost returns the lower-cased host of an absolute URL, without port,
// brackets or a trailing dot, with numeric IPv4 spellings made dotted
// quads; "" when there is none.
func siteHost(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if ip, ok := parseIPv4Host(h); ok {
		return ip.String()
	}
	return h
}

// checkCanonical decides whether the rel=canonical c of a page — requested
// as reqURL, answered by finalURL with the body hashed to hash — may be
// its identity. It returns the accepted canonical ("" when there is none,
// or it is the page's own URL), the rejected one, and whether the
// canonical URL itself was fetched (and so may be recorded as fetched).
// A canonical on the page's own site is accepted; one on another site only
// when fetching it gives the same page.
func (p *pass) checkCanonical(ctx context.Context, c, reqURL, finalURL, hash string) (accepted, rejected string, fetched bool) {
	switch {
	case c == "" || c == reqURL || c == finalURL:
		return "", "", false
	case SameSite(c, finalURL):
		return c, "", false
	case p.confirmCanonical(ctx, c, hash):
		return c, "", true
	}
	p.log.Info("rel=canonical names another site and does not answer with this page; the page keeps its own URL",
		"url", finalURL, "canonical", c)
	return "", c, false
}

// confirmCanonical fetches c — with robots.txt, politeness and the
// address guard like any page — and reports whether it answers with the
// body hashed to hash.
func (p *pass) confirmCanonical(ctx context.Context, c, hash string) bool {
	ans, err := p.c.fetch(ctx, fetchSpec{url: c, robots: true, htmlOnly: true, policy: p.pol, stats: p.st})
	if err != nil || !is2xx(ans.status) {
		return false
	}
	body, _, err := toUTF8(ans.body, ans.header.Get("Content-Type"))
	return err == nil && event.Hash(body) == hash
}

package crawler

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// newTransport returns an HTTP transport whose dialer passes every address
// to check after DNS resolution — so redirects (each hop is a new dial or a
// pooled connection to an address already checked) and DNS rebinding are
// covered too. With Config.AllowPrivateNetworks nothing is checked. Proxies
// are never used: they would dial on our behalf, unchecked.
func newTransport(cfg Config, check func(address string) error) *http.Transport {
	d := newDialer(cfg, check)
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		DisableCompression:    true, // fetch asks for gzip/deflate; bodyTransport decodes within the size limit
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   min(10*time.Second, cfg.Timeout),
		ResponseHeaderTimeout: cfg.Timeout,
		ExpectContinueTimeout: time.Second,
	}
}

// newDialer returns a dialer passing every address to check after DNS
// resolution, unless cfg.AllowPrivateNetworks.
func newDialer(cfg Config, check func(address string) error) *net.Dialer {
	d := &net.Dialer{Timeout: min(10*time.Second, cfg.Timeout), KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivateNetworks {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			return check(address)
		}
	}
	return d
}

// GuardedDialer returns the dialer of the crawler's own requests: unless
// cfg.AllowPrivateNetworks, it refuses every address that is not public
// unicast once DNS has resolved it (ErrPrivateAddress), so redirects and
// DNS rebinding are covered too. A browser that renders pages for the
// crawler connects through it (crawler/chromium). Safe for concurrent use.
func GuardedDialer(cfg Config) *net.Dialer {
	return newDialer(cfg.tuned(), checkPublic)
}

// checkPublic fails for an address ("ip:port") that is not a public unicast
// address.
func checkPublic(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
	}
	if !isPublic(ip) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, ip)
	}
	return nil
}

// isPublic reports whether ip is a public unicast address: not loopback,
// private, link- or site-local, multicast, unspecified, reserved or for
// documentation, and — for IPv6 forms that carry an IPv4 address (mapped,
// 6to4) — not wrapping one that is not public either.
func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap() // ::ffff:10.0.0.1 is 10.0.0.1
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() || ip.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range refusedPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	if sixToFour.Contains(ip) { // 2002:AABB:CCDD::/48 routes to AA.BB.CC.DD
		b := ip.As16()
		return isPublic(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
	}
	return true
}

// sixToFour is the 6to4 prefix (RFC 3056): its next 32 bits are an IPv4
// address, which the relay delivers to.
var sixToFour = netip.MustParsePrefix("2002::/16")

// refusedPrefixes are the special-purpose ranges (IANA's IPv4 and IPv6
// special-purpose address registries) that netip's predicates do not
// cover and that are no public web server's.
var refusedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation (TEST-NET-1)
	netip.MustParsePrefix("198.51.100.0/24"), // documentation (TEST-NET-2)
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation (TEST-NET-3)
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast, deprecated
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("::/96"),           // IPv4-compatible, deprecated: ::10.0.0.1 reaches 10.0.0.1 on some stacks
	netip.MustParsePrefix("::ffff:0:0:0/96"), // IPv4-translated (SIIT)
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: reaches any IPv4, private ones too
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments: Teredo, benchmarking, ORCHID
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("3fff::/20"),       // documentation (RFC 9637)
	netip.MustParsePrefix("fec0::/10"),       // site-local, deprecated: private in practice
}

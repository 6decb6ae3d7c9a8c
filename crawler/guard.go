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
	return newDialer(cfg.withDefaults(), checkPublic)
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
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() || ip.IsInterfaceLocalMulticast() || isSpecial(ip) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, ip)
	}
	return nil
}

// special-purpose ranges that netip's predicates do not cover.
var specialPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach private v4
}

func isSpecial(ip netip.Addr) bool {
	for _, p := range specialPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

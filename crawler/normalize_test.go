package crawler

import (
	"net/url"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already normal", "https://example.com/a/b?x=1", "https://example.com/a/b?x=1"},
		{"scheme and host case", "HTTPS://Example.COM/Path", "https://example.com/Path"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"other port kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"empty path", "https://example.com", "https://example.com/"},
		{"empty path with query", "https://example.com?b=2&a=1", "https://example.com/?a=1&b=2"},
		{"query sorted", "https://example.com/p?z=1&a=2&m=3", "https://example.com/p?a=2&m=3&z=1"},
		{"repeated keys sorted by value", "https://example.com/p?a=2&a=1", "https://example.com/p?a=1&a=2"},
		{"utm dropped", "https://example.com/p?utm_source=rss&utm_medium=feed&id=7", "https://example.com/p?id=7"},
		{"utm upper case dropped", "https://example.com/p?UTM_Campaign=x", "https://example.com/p"},
		{"click ids dropped", "https://example.com/p?fbclid=abc&gclid=def&msclkid=g&spm=a2c.b", "https://example.com/p"},
		{"only tracking leaves no ?", "https://example.com/p?utm_source=x", "https://example.com/p"},
		{"empty pairs dropped", "https://example.com/p?&&a=1&", "https://example.com/p?a=1"},
		{"space spellings equal", "https://example.com/s?q=a%20b", "https://example.com/s?q=a+b"},
		{"plus kept as space", "https://example.com/s?q=a+b", "https://example.com/s?q=a+b"},
		{"dot segments", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"trailing slash kept", "https://example.com/a/", "https://example.com/a/"},
		{"unreserved unescaped", "https://example.com/%7Euser/%61", "https://example.com/~user/a"},
		{"escaped slash kept", "https://example.com/a%2Fb", "https://example.com/a%2Fb"},
		{"non-ascii path escaped", "https://example.com/新闻/1", "https://example.com/%E6%96%B0%E9%97%BB/1"},
		{"trailing dot host", "https://example.com./a", "https://example.com/a"},
		{"ipv6 default port", "http://[::1]:80/a", "http://[::1]/a"},
		{"ipv6 port kept", "http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"surrounding space", "  https://example.com/a  ", "https://example.com/a"},
		{"ipv4 as one number", "http://2130706433/a", "http://127.0.0.1/a"},
		{"ipv4 in hex", "http://0x7f000001:8080/a", "http://127.0.0.1:8080/a"},
		{"ipv4 in octal parts", "http://0177.0.0.01/a", "http://127.0.0.1/a"},
		{"ipv4 shortened", "http://127.1/a", "http://127.0.0.1/a"},
		{"hex-looking name kept", "http://cafe.face/a", "http://cafe.face/a"},
		{"hex-looking label kept", "http://deadbeef/a", "http://deadbeef/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err != nil {
				t.Fatalf("Normalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Normalize(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: Normalize(%q) = %q, %v", got, again, err)
			}
		})
	}
}

func TestNormalizeRejects(t *testing.T) {
	for _, in := range []string{"", "/relative/path", "mailto:a@example.com", "javascript:alert(1)", "ftp://example.com/f", "https://", "http://:80/", "%zz", "http://1.2.3.4.5/", "http://999999999999/"} {
		t.Run(in, func(t *testing.T) {
			if got, err := Normalize(in); err == nil {
				t.Errorf("Normalize(%q) = %q, want an error", in, got)
			}
		})
	}
}

func TestResolveNormalize(t *testing.T) {
	base, _ := url.Parse("https://news.example/zh/2025/story.html?x=1")
	tests := []struct{ ref, want string }{
		{"other.html", "https://news.example/zh/2025/other.html"},
		{"../index.html#top", "https://news.example/zh/index.html"},
		{"/feed.xml", "https://news.example/feed.xml"},
		{"//cdn.example/a?utm_source=x", "https://cdn.example/a"},
		{"?page=2", "https://news.example/zh/2025/story.html?page=2"},
		{"#comments", ""},
		{"mailto:tips@news.example", ""},
		{"javascript:void(0)", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			if got := resolveNormalize(base, tt.ref); got != tt.want {
				t.Errorf("resolveNormalize(%q) = %q, want %q", tt.ref, got, tt.want)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"https://example.com/a?b=1&a=2#x", "HTTP://EXAMPLE.com:80", "https://[::1]:443/%2F/../a?utm_source=1",
		"http://a.b/新闻?q=a+b&q=a%20b", "https://x.y/./../..", "http://u:p@h/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := Normalize(in)
		if err != nil {
			return
		}
		again, err := Normalize(out)
		if err != nil {
			t.Fatalf("Normalize(%q) = %q, which does not normalise: %v", in, out, err)
		}
		if again != out {
			t.Fatalf("not idempotent: %q → %q → %q", in, out, again)
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	in := "HTTPS://News.Example.com:443/zh/2025/07/story.html?utm_source=rss&utm_medium=feed&id=42&page=2#comments"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Normalize(in); err != nil {
			b.Fatal(err)
		}
	}
}

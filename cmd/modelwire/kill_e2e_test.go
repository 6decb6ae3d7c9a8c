package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// TestMain makes the test binary modelwire itself when
// MODELWIRE_TEST_MAIN=1, so tests can run the real program — main's
// execute, every stage, real signals — as a child process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("MODELWIRE_TEST_MAIN") == "1" {
		os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// child is modelwire running as a separate process.
type child struct {
	cmd  *exec.Cmd
	out  waittest.Buffer
	done chan error
}

// startChild starts modelwire with args in a child process, with env
// added to the test's environment.
func startChild(t *testing.T, env []string, args ...string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0], args...), done: make(chan error, 1)}
	c.cmd.Env = append(append(os.Environ(), "MODELWIRE_TEST_MAIN=1"), env...)
	c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.out
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

// wait waits for the child to exit, at most d.
func (c *child) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case err := <-c.done:
		return err
	case <-time.After(d):
		c.cmd.Process.Kill()
		t.Fatalf("modelwire %s did not finish within %v\n%s", strings.Join(c.cmd.Args[1:], " "), d, c.out.String())
		return nil
	}
}

// articleRequests counts the site's requests for article pages.
func articleRequests(site *testsite.Site) int {
	n := 0
	for _, r := range site.Requests() {
		if strings.HasPrefix(r.Path, "/gen/") || strings.HasPrefix(r.Path, "/news/") {
			n++
		}
	}
	return n
}

// TestKillThenRunOnce is the "done when": a `modelwire run` over a
// loopback site of a few hundred articles is killed with SIGKILL part-way
// through, started again with --once, and ends with exactly one indexed
// document per article — nothing lost, nothing doubled — on the embedded
// store and on Elasticsearch.
func TestKillThenRunOnce(t *testing.T) {
	for _, store := range []string{"embedded", "elasticsearch"} {
		t.Run(store, func(t *testing.T) {
			site := testsite.New(testsite.Options{Extra: 250})
			defer site.Close()
			dir := t.TempDir()
			httpAddr := freeAddr(t)
			var esSection string
			var env []string
			var es, prefix string
			if store == "elasticsearch" {
				es = testESURL(t)
				b := make([]byte, 4)
				rand.Read(b)
				prefix = "mwtest-kill-" + hex.EncodeToString(b)
				esSection = "elasticsearch:\n  index_prefix: " + prefix + "\n"
				env = append(env, "MODELWIRE_ES_URL="+es)
				t.Cleanup(func() {
					for _, kind := range []string{"articles", "releases"} {
						esJSON(t, "DELETE", es+"/"+prefix+"-"+kind+"-v1", nil, nil)
						esJSON(t, "DELETE", es+"/_index_template/"+prefix+"-"+kind, nil, nil)
					}
				})
			}
			cfg := filepath.Join(dir, "modelwire.yaml")
			os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s
nats:
  listen: ""
http:
  addr: %s
%scrawler:
  user_agent: modelwire-test/1.0
  allow_private_networks: true
  timeout: 5s
sources:
  - name: aiwire
    sitemaps: [%[4]s/sitemap.xml]
    feeds: [%[4]s/feed.xml]
    delay: 20ms
    parallelism: 1
`, filepath.Join(dir, "data"), httpAddr, esSection, site.URL)), 0o644)

			first := startChild(t, env, "run", "--config", cfg)
			indexed := func() int {
				status, body := httpGet(t, "http://"+httpAddr+"/api/search?limit=1")
				var res struct {
					Total int `json:"total"`
				}
				if status != http.StatusOK || json.Unmarshal(body, &res) != nil {
					return 0
				}
				return res.Total
			}
			waittest.Eventually(t, time.Minute, "the first run to fetch a quarter of the articles and index one", func() bool {
				return articleRequests(site) >= len(site.Articles)/4 && indexed() > 0
			}, func() string {
				return fmt.Sprintf("fetched %d articles, indexed %d\n%s", articleRequests(site), indexed(), first.out.String())
			})
			// SIGHUP reloads without a restart: the run goes on.
			if err := first.cmd.Process.Signal(syscall.SIGHUP); err != nil {
				t.Fatal(err)
			}
			waittest.Eventually(t, time.Minute, "a reload after SIGHUP", func() bool {
				return strings.Contains(first.out.String(), `msg=reloading why="signal hangup"`)
			}, first.out.String)
			if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			first.wait(t, 10*time.Second)
			atKill := articleRequests(site)
			if atKill >= len(site.Articles) {
				t.Fatalf("the first run fetched all %d articles before it was killed; slow the site down", len(site.Articles))
			}
			t.Logf("killed after %d of %d article requests", atKill, len(site.Articles))

			second := startChild(t, env, "run", "--once", "--config", cfg)
			if err := second.wait(t, 3*time.Minute); err != nil {
				t.Fatalf("run --once after the kill: %v\n%s", err, second.out.String())
			}
			for _, line := range strings.Split(second.out.String(), "\n") {
				if strings.Contains(line, "reclaimed") || strings.Contains(line, "run complete") {
					t.Log(line)
				}
			}

			want := make([]string, 0, len(site.Articles))
			for _, a := range site.Articles {
				want = append(want, site.ArticleURL(a))
			}
			slices.Sort(want)
			var got []string
			if store == "embedded" {
				for offset := 0; ; offset += 100 {
					res := searchJSON(t, cfg, "--limit", "100", "--offset", fmt.Sprint(offset))
					for _, h := range res.Hits {
						got = append(got, h.URL)
					}
					if len(res.Hits) < 100 {
						break
					}
				}
			} else {
				var raw struct {
					Hits struct {
						Hits []struct {
							Source struct {
								URL string `json:"url"`
							} `json:"_source"`
						} `json:"hits"`
					} `json:"hits"`
				}
				esJSON(t, "POST", es+"/"+prefix+"-articles/_refresh", nil, nil)
				esJSON(t, "POST", es+"/"+prefix+"-articles/_search", map[string]any{"size": 1000, "_source": []string{"url"}}, &raw)
				for _, h := range raw.Hits.Hits {
					got = append(got, h.Source.URL)
				}
			}
			slices.Sort(got)
			lost, doubled := missing(want, got), duplicates(got)
			t.Logf("%s: %d articles, %d documents, %d lost, %d doubled", store, len(want), len(got), len(lost), len(doubled))
			if len(got) != len(want) || len(lost) > 0 || len(doubled) > 0 {
				t.Errorf("%d documents for %d articles; lost %v; doubled %v\n%s", len(got), len(want), lost, doubled, second.out.String())
			}
		})
	}
}

// missing returns what of want (sorted) is not in got (sorted).
func missing(want, got []string) []string {
	var out []string
	for _, w := range want {
		if _, ok := slices.BinarySearch(got, w); !ok {
			out = append(out, w)
		}
	}
	return out
}

// duplicates returns the values found more than once in sorted s.
func duplicates(s []string) []string {
	var out []string
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] && (len(out) == 0 || out[len(out)-1] != s[i]) {
			out = append(out, s[i])
		}
	}
	return out
}

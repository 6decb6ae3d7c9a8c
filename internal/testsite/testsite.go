// Package testsite serves a generated AI-news site for tests and
// benchmarks: articles in several languages (one of them GBK-encoded),
// RSS and Atom feeds, a sitemap index with a gzip sitemap and a news
// sitemap, robots.txt with Disallow lines, an index page with tracking
// links, fragments and an alias page whose rel=canonical names the
// original — all written as files and served by net/http's file server,
// as a real static site is, with ETag/Last-Modified validators and gzip.
// A request log (with status, arrival time and concurrency) lets tests
// check politeness, robots and duplicates.
package testsite

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Article is one generated article.
type Article struct {
	Path      string
	Title     string
	Lang      string
	Body      []string // paragraphs
	Published time.Time
	// Updated is when the article last changed (zero: never since Published).
	Updated time.Time
	// Keyword is a word found in this article only, to search for.
	Keyword string
	// Charset is the page's encoding: "" for UTF-8, or "gbk", declared by
	// <meta charset> only.
	Charset string
}

// Modified is when the article last changed.
func (a Article) Modified() time.Time {
	if a.Updated.After(a.Published) {
		return a.Updated
	}
	return a.Published
}

// Request is one request the site saw.
type Request struct {
	Path      string
	UserAgent string
	At        time.Time
	// Status is the answer's status code.
	Status int
	// Conditional is true when the request carried If-None-Match or
	// If-Modified-Since.
	Conditional bool
}

// Site is a running test site. Close it when done.
type Site struct {
	*httptest.Server
	Articles []Article
	// Disallowed are paths the site links to but robots.txt forbids.
	Disallowed []string
	// Alias is a page that duplicates Articles[0] and names it as its
	// rel=canonical.
	Alias string

	opts Options
	dir  string

	mu          sync.Mutex
	requests    []Request
	etags       map[string]string
	types       map[string]string // Content-Type overrides
	files       http.Handler
	inFlight    int
	maxInFlight int
}

// Handcrafted articles in several languages, modelled on real release news.
var seed = []Article{
	{Title: "DeepSeek releases DeepSeek-V3, a 671B open-weight model", Lang: "en", Keyword: "zebrafinch",
		Body: []string{
			"DeepSeek today released DeepSeek-V3, a mixture-of-experts language model with 671B total parameters, of which 37B are activated for each token.",
			"The company says DeepSeek-V3 outperforms Llama 3.1 405B and matches GPT-4o on MMLU, scoring 88.5. The weights are available on Hugging Face under the MIT licence.",
			"Training took 2.788 million H800 GPU hours, the team wrote in its technical report, a fraction of what comparable models needed. zebrafinch",
		}},
	{Title: "阿里巴巴发布通义千问Qwen2.5-Max", Lang: "zh", Keyword: "蓝鲸计划",
		Body: []string{
			"阿里云今天发布了新一代大模型Qwen2.5-Max，该模型采用混合专家架构，在超过20万亿token的数据上进行了预训练。",
			"官方表示，Qwen2.5-Max在Arena-Hard、LiveBench等多项基准测试中超越了DeepSeek-V3，与GPT-4o和Claude 3.5 Sonnet表现相当。",
			"目前用户可以通过阿里云百炼平台调用该模型的API。蓝鲸计划",
		}},
	{Title: "Moonshot AI ra mắt Kimi K2 với 1.000 tỷ tham số", Lang: "vi", Keyword: "chimcanhcut",
		Body: []string{
			"Công ty khởi nghiệp Trung Quốc Moonshot AI vừa ra mắt mô hình Kimi K2, một mô hình mã nguồn mở với tổng cộng 1.000 tỷ tham số.",
			"Theo công ty, Kimi K2 vượt trội so với nhiều mô hình mã nguồn mở khác trong các bài kiểm tra về lập trình như SWE-bench Verified và LiveCodeBench.",
			"Mô hình được phát hành theo giấy phép MIT sửa đổi và có thể tải về từ Hugging Face. chimcanhcut",
		}},
	{Title: "LG AI연구원, 엑사원 4.0 공개", Lang: "ko", Keyword: "다람쥐작전",
		Body: []string{
			"LG AI연구원이 차세대 하이브리드 AI 모델 엑사원(EXAONE) 4.0을 공개했다고 밝혔다.",
			"엑사원 4.0은 추론 모드와 비추론 모드를 하나의 모델에 통합했으며, 320억 파라미터 규모의 전문가 모델과 12억 파라미터의 온디바이스 모델 두 가지로 출시됐다.",
			"회사 측은 MMLU-Redux와 GPQA-Diamond 등 주요 벤치마크에서 경쟁 모델을 앞섰다고 설명했다. 다람쥐작전",
		}},
	{Title: "StepFunがStep-Audio 2を公開、音声理解で最高水準", Lang: "ja", Keyword: "あじさい計画",
		Body: []string{
			"中国のAIスタートアップStepFun（阶跃星辰）は、音声理解と音声対話のためのエンドツーエンドモデルStep-Audio 2を公開した。",
			"同社によると、Step-Audio 2は複数の音声認識ベンチマークでGPT-4o Audioを上回る性能を示したという。",
			"モデルの重みはオープンソースとして公開され、研究者や開発者が自由に利用できる。あじさい計画",
		}},
	{Title: "智谱发布新一代基座模型GLM-4.5", Lang: "zh", Keyword: "金丝猴行动", Charset: "gbk",
		Body: []string{
			"智谱今天正式发布了新一代旗舰模型GLM-4.5，总参数量3550亿，激活参数320亿，专为智能体应用打造。",
			"官方称，GLM-4.5在推理、代码和智能体等12项评测中综合排名全球第三，开源模型中排名第一。",
			"模型权重已在Hugging Face和魔搭社区开源，采用MIT许可证。金丝猴行动",
		}},
}

// Options shapes a generated site.
type Options struct {
	// Extra is the number of generated English articles added to the
	// handcrafted multilingual ones.
	Extra int
	// ExtraZH is the number of generated Chinese articles.
	ExtraZH int
	// Delay is added to every response (a slow server).
	Delay time.Duration
	// NoValidators serves no ETag and no Last-Modified, so only a content
	// hash can tell that a page did not change.
	NoValidators bool
}

var (
	vendors = []string{"DeepSeek", "Alibaba", "Moonshot AI", "Zhipu", "MiniMax", "StepFun", "Baidu", "Tencent", "ByteDance", "Meta"}
	models  = []string{"DeepSeek-R2", "Qwen3-235B-A22B", "Kimi K2", "GLM-4.5", "MiniMax-M1", "Step-3", "ERNIE 4.5", "Hunyuan-A13B", "Seed-OSS-36B", "Llama 4 Maverick"}
	zhVend  = []string{"深度求索", "阿里云", "月之暗面", "智谱", "稀宇科技", "阶跃星辰", "百度", "腾讯", "字节跳动"}
)

// New starts a site with the handcrafted articles plus the generated ones.
// It writes the site into a temporary directory that Close removes; it
// panics if that directory cannot be written.
func New(opts Options) *Site {
	s := &Site{opts: opts, etags: map[string]string{}}
	base := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	for i, a := range seed {
		a.Path = fmt.Sprintf("/news/%d-%s.html", i+1, a.Lang)
		a.Published = base.Add(time.Duration(i) * time.Hour)
		s.Articles = append(s.Articles, a)
	}
	for i := range opts.Extra {
		v, m := vendors[i%len(vendors)], models[i%len(models)]
		kw := "kw" + strconv.Itoa(i) + "x"
		s.Articles = append(s.Articles, Article{
			Path:      fmt.Sprintf("/gen/%d.html", i),
			Title:     fmt.Sprintf("%s announces %s update number %d", v, m, i),
			Lang:      "en",
			Keyword:   kw,
			Published: base.Add(time.Duration(len(seed)+i) * time.Minute),
			Body: []string{
				fmt.Sprintf("%s said on Tuesday that it has released %s, the latest version of its open-weight model family, in report %s.", v, m, kw),
				fmt.Sprintf("According to the company, %s scores 80.%d on MMLU-Pro and outperforms GPT-4o on LiveCodeBench while using a fraction of the compute.", m, i%10),
				"The weights are published on Hugging Face under a permissive licence, and an API is available for developers who prefer hosted access.",
				"Analysts said the release keeps pressure on rivals in the United States and China, where labs now ship new models almost every week.",
			},
		})
	}
	for i := range opts.ExtraZH {
		v, m := zhVend[i%len(zhVend)], models[i%len(models)]
		kw := "zhkw" + strconv.Itoa(i) + "x"
		s.Articles = append(s.Articles, Article{
			Path:      fmt.Sprintf("/zh/%d.html", i),
			Title:     fmt.Sprintf("%s发布%s第%d次更新", v, m, i),
			Lang:      "zh",
			Keyword:   kw,
			Published: base.Add(time.Duration(len(seed)+opts.Extra+i) * time.Minute),
			Body: []string{
				fmt.Sprintf("%s周二宣布推出%s，这是其开源模型家族的最新版本，相关报告编号为 %s 。", v, m, kw),
				fmt.Sprintf("据该公司介绍，%s在MMLU-Pro上得分80.%d，并在LiveCodeBench上超越了GPT-4o，而所需算力只是其一小部分。", m, i%10),
				"模型权重已在Hugging Face上以宽松许可证发布，开发者也可以通过API调用托管服务。",
				"分析人士表示，此次发布将继续给中美两国的竞争对手带来压力，各实验室几乎每周都会推出新模型。",
			},
		})
	}
	s.Disallowed = []string{"/private/secret.html", "/drafts/next-model.html"}
	s.Alias = "/amp/1-en.html"

	dir, err := os.MkdirTemp("", "testsite-")
	if err != nil {
		panic(fmt.Sprintf("testsite: %v", err))
	}
	s.dir = dir
	s.files = http.FileServer(http.Dir(dir))
	s.Server = httptest.NewUnstartedServer(s.handler())
	if err := s.write("http://" + s.Server.Listener.Addr().String()); err != nil {
		os.RemoveAll(dir)
		panic(fmt.Sprintf("testsite: %v", err))
	}
	s.Server.Start()
	return s
}

// Close stops the server and removes the site's files.
func (s *Site) Close() {
	s.Server.Close()
	os.RemoveAll(s.dir)
}

// Touch changes article i — a new paragraph, a new update time — and
// rewrites its page, the feeds and the sitemaps, as a CMS would.
func (s *Site) Touch(i int, paragraph string) {
	s.mu.Lock()
	a := &s.Articles[i]
	a.Body = append(a.Body, paragraph)
	a.Updated = time.Now().UTC().Truncate(time.Second)
	s.mu.Unlock()
	if err := s.write(s.URL); err != nil {
		panic(fmt.Sprintf("testsite: %v", err))
	}
}

// Requests returns a copy of the request log.
func (s *Site) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// MaxInFlight returns the most requests the site was answering at once.
func (s *Site) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

// ArticleURL returns the absolute URL of an article.
func (s *Site) ArticleURL(a Article) string { return s.URL + a.Path }

// handler serves the files with the request log, the optional delay,
// validators and gzip, like a static web server.
func (s *Site) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.inFlight++
		s.maxInFlight = max(s.maxInFlight, s.inFlight)
		idx := len(s.requests)
		s.requests = append(s.requests, Request{Path: r.URL.RequestURI(), UserAgent: r.UserAgent(), At: time.Now(),
			Conditional: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""})
		etag := s.etags[r.URL.Path]
		if r.URL.Path == "/" {
			etag = s.etags["/index.html"]
		}
		ctype := s.types[r.URL.Path]
		s.mu.Unlock()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK, acceptGzip: strings.Contains(r.Header.Get("Accept-Encoding"), "gzip")}
		defer func() {
			rec.finish()
			s.mu.Lock()
			s.inFlight--
			s.requests[idx].Status = rec.status
			s.mu.Unlock()
		}()
		if s.opts.Delay > 0 {
			time.Sleep(s.opts.Delay)
		}
		if etag != "" && !s.opts.NoValidators {
			w.Header().Set("ETag", etag)
		}
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		s.files.ServeHTTP(rec, r)
	})
}

// recorder captures the status and gzips compressible answers when the
// client accepts it.
type recorder struct {
	http.ResponseWriter
	status     int
	acceptGzip bool
	wroteHead  bool
	gz         *gzip.Writer
}

func (r *recorder) WriteHeader(code int) {
	if r.wroteHead {
		return
	}
	r.wroteHead = true
	r.status = code
	ct := r.Header().Get("Content-Type")
	if code == http.StatusOK && r.acceptGzip && (strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml")) {
		r.Header().Del("Content-Length")
		r.Header().Set("Content-Encoding", "gzip")
		r.Header().Add("Vary", "Accept-Encoding")
		r.gz = gzipWriters.Get().(*gzip.Writer)
		r.gz.Reset(r.ResponseWriter)
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wroteHead {
		r.WriteHeader(http.StatusOK)
	}
	if r.gz != nil {
		return r.gz.Write(b)
	}
	return r.ResponseWriter.Write(b)
}

func (r *recorder) finish() {
	if r.gz != nil {
		r.gz.Close()
		gzipWriters.Put(r.gz)
		r.gz = nil
	}
}

// gzipWriters reuses compressors at nginx's default level (1, BestSpeed):
// a new default-level writer per answer made the site, not the crawler,
// the bigger cost of a loopback benchmark.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // a valid level: no error
	return zw
}}

// write renders every file of the site for base URL base.
func (s *Site) write(base string) error {
	s.mu.Lock()
	arts := append([]Article(nil), s.Articles...)
	s.mu.Unlock()
	newest := time.Time{}
	for _, a := range arts {
		newest = later(newest, a.Modified())
	}
	files := map[string]file{}
	types := map[string]string{}
	for _, a := range arts {
		page := Render(a, base)
		data := []byte(page)
		if a.Charset == "gbk" {
			page = strings.Replace(page, `<meta charset="utf-8">`, `<meta charset="gbk">`, 1)
			enc, err := encoding.HTMLEscapeUnsupported(simplifiedchinese.GBK.NewEncoder()).String(page)
			if err != nil {
				return fmt.Errorf("encoding %s as GBK: %w", a.Path, err)
			}
			data = []byte(enc)
			types[a.Path] = "text/html" // no charset: <meta charset> must speak
		}
		files[a.Path] = file{data, a.Modified()}
	}
	alias := strings.Replace(Render(arts[0], base), "<main>", `<main><p class="amp">AMP edition</p>`, 1)
	files[s.Alias] = file{[]byte(alias), arts[0].Modified()}
	for _, p := range s.Disallowed {
		files[p] = file{[]byte("<!doctype html><title>not for crawlers</title><p>secret"), newest}
	}
	files["/robots.txt"] = file{[]byte(fmt.Sprintf("# test site\nUser-agent: *\nDisallow: /private/\nDisallow: /drafts/\n\nUser-agent: badbot\nDisallow: /\n\nSitemap: %s/sitemap.xml\n", base)), newest}
	files["/index.html"] = file{[]byte(indexPage(arts, s.Alias, s.Disallowed)), newest}
	files["/feed.xml"] = file{[]byte(rssFeed(arts, base)), newest}
	var zh []Article
	for _, a := range arts {
		if a.Lang == "zh" {
			zh = append(zh, a)
		}
	}
	files["/zh/atom.xml"] = file{[]byte(atomFeed(zh, base)), newest}
	half := len(arts) / 2
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	io.WriteString(zw, urlset(arts[:half], base, false))
	zw.Close()
	files["/sitemaps/posts.xml.gz"] = file{gz.Bytes(), newest}
	files["/sitemaps/news.xml"] = file{[]byte(urlset(arts[half:], base, true)), newest}
	files["/sitemap.xml"] = file{[]byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%[1]s/sitemaps/posts.xml.gz</loc><lastmod>%[2]s</lastmod></sitemap>
<sitemap><loc>%[1]s/sitemaps/news.xml</loc><lastmod>%[2]s</lastmod></sitemap>
</sitemapindex>`, base, newest.Format(time.RFC3339))), newest}

	etags := map[string]string{}
	for p, f := range files {
		path := filepath.Join(s.dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, f.data) {
			etags[p] = etagOf(f.data)
			continue // unchanged: keep its modification time
		}
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return err
		}
		mod := f.mod
		if s.opts.NoValidators {
			mod = time.Unix(0, 0) // the file server then sends no Last-Modified
		}
		if err := os.Chtimes(path, mod, mod); err != nil {
			return err
		}
		etags[p] = etagOf(f.data)
	}
	s.mu.Lock()
	s.etags, s.types = etags, types
	s.mu.Unlock()
	return nil
}

type file struct {
	data []byte
	mod  time.Time
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// indexPage links every article — some with a fragment or tracking
// parameters, as real home pages do — plus the alias and disallowed pages.
func indexPage(arts []Article, alias string, disallowed []string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang=en><head><meta charset="utf-8"><title>AI Wire</title></head><body><nav><a href="/">Home</a> <a href="/feed.xml">RSS</a></nav><h1>Latest</h1><ul>`)
	for i, a := range arts {
		href := a.Path
		switch i % 3 {
		case 1:
			href += "#comments"
		case 2:
			href += "?utm_source=home&utm_medium=web"
		}
		fmt.Fprintf(&b, "<li><a href=%q>%s</a></li>", href, html.EscapeString(a.Title))
	}
	fmt.Fprintf(&b, `</ul><p><a href=%q>AMP</a></p>`, alias)
	for _, d := range disallowed {
		fmt.Fprintf(&b, `<a href=%q>staff</a> `, d)
	}
	b.WriteString(`<a href="mailto:tips@example.com">tips</a></body></html>`)
	return b.String()
}

func rssFeed(arts []Article, base string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>AI Wire</title><link>` + base + `/</link><description>AI news</description>`)
	for _, a := range arts {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate></item>",
			html.EscapeString(a.Title), base+a.Path+"?utm_source=rss&amp;utm_medium=feed", a.Published.Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

func atomFeed(arts []Article, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>AI Wire 中文</title><id>%s/zh/</id><updated>%s</updated>`, base, time.Date(2025, 7, 2, 0, 0, 0, 0, time.UTC).Format(time.RFC3339))
	for _, a := range arts {
		fmt.Fprintf(&b, `<entry><title>%s</title><link href="%s"/><id>%s</id><published>%s</published><updated>%s</updated></entry>`,
			html.EscapeString(a.Title), base+a.Path, base+a.Path, a.Published.Format(time.RFC3339), a.Modified().Format(time.RFC3339))
	}
	b.WriteString("</feed>")
	return b.String()
}

func urlset(arts []Article, base string, news bool) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	for _, a := range arts {
		fmt.Fprintf(&b, "<url><loc>%s</loc><lastmod>%s</lastmod>", base+a.Path, a.Modified().Format(time.RFC3339))
		if news {
			fmt.Fprintf(&b, "<news:news><news:publication><news:name>AI Wire</news:name><news:language>%s</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news>",
				a.Lang, a.Published.Format(time.RFC3339), html.EscapeString(a.Title))
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>")
	return b.String()
}

// Render returns the article's HTML page, with the navigation, share bar
// and footer a real news page has around its text.
func Render(a Article, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang=%q><head><meta charset="utf-8"><title>%s | AI Wire</title>`, a.Lang, html.EscapeString(a.Title))
	fmt.Fprintf(&b, `<meta property="og:title" content=%q><meta property="og:site_name" content="AI Wire">`, a.Title)
	fmt.Fprintf(&b, `<meta property="article:published_time" content=%q><link rel="canonical" href=%q></head><body>`, a.Published.Format(time.RFC3339), base+a.Path)
	b.WriteString(`<header><nav><a href="/">Home</a> <a href="/feed.xml">RSS</a></nav></header><main><article>`)
	fmt.Fprintf(&b, "<h1>%s</h1><p class=byline>By AI Wire staff, <time datetime=%q>%s</time></p>", html.EscapeString(a.Title), a.Published.Format(time.RFC3339), a.Published.Format("2006-01-02"))
	for _, p := range a.Body {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p))
	}
	b.WriteString(`</article><aside class="share">Share on X · Share on LinkedIn</aside></main><footer>© AI Wire. All rights reserved.</footer></body></html>`)
	return b.String()
}

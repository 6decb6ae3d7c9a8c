// Package testsite serves a generated AI-news site for tests and
// benchmarks: articles in several languages, an RSS feed, a sitemap and an
// index page, with a request log to check politeness and duplicates.
package testsite

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Article is one generated article.
type Article struct {
	Path      string
	Title     string
	Lang      string
	Body      []string // paragraphs
	Published time.Time
	// Keyword is a word found in this article only, to search for.
	Keyword string
}

// Request is one request the site saw.
type Request struct {
	Path      string
	UserAgent string
	At        time.Time
}

// Site is a running test site. Close it when done.
type Site struct {
	*httptest.Server
	Articles []Article

	mu       sync.Mutex
	requests []Request
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
}

// Options shapes a generated site.
type Options struct {
	// Extra is the number of generated English articles added to the
	// handcrafted multilingual ones.
	Extra int
	// Delay is added to every response (a slow server).
	Delay time.Duration
}

// New starts a site with the handcrafted articles plus opts.Extra generated ones.
func New(opts Options) *Site {
	s := &Site{}
	base := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	for i, a := range seed {
		a.Path = fmt.Sprintf("/news/%d-%s.html", i+1, a.Lang)
		a.Published = base.Add(time.Duration(i) * time.Hour)
		s.Articles = append(s.Articles, a)
	}
	vendors := []string{"DeepSeek", "Alibaba", "Moonshot AI", "Zhipu", "MiniMax", "StepFun", "Baidu", "Tencent", "ByteDance", "Meta"}
	models := []string{"DeepSeek-R2", "Qwen3-235B-A22B", "Kimi K2", "GLM-4.5", "MiniMax-M1", "Step-3", "ERNIE 4.5", "Hunyuan-A13B", "Seed-OSS-36B", "Llama 4 Maverick"}
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
	mux := http.NewServeMux()
	mux.HandleFunc("/", s.serveIndex)
	mux.HandleFunc("/feed.xml", s.serveFeed)
	mux.HandleFunc("/sitemap.xml", s.serveSitemap)
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\nSitemap: "+s.URL+"/sitemap.xml\n")
	})
	mux.HandleFunc("/news/", s.serveArticle)
	mux.HandleFunc("/gen/", s.serveArticle)
	s.Server = httptest.NewServer(s.logged(opts.Delay, mux))
	return s
}

func (s *Site) logged(delay time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, Request{Path: r.URL.RequestURI(), UserAgent: r.UserAgent(), At: time.Now()})
		s.mu.Unlock()
		if delay > 0 {
			time.Sleep(delay)
		}
		h.ServeHTTP(w, r)
	})
}

// Requests returns a copy of the request log.
func (s *Site) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// URL returns the absolute URL of an article.
func (s *Site) ArticleURL(a Article) string { return s.URL + a.Path }

func (s *Site) serveIndex(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	b.WriteString("<!doctype html><html lang=en><head><title>AI Wire</title></head><body><nav><a href=\"/\">Home</a></nav><h1>Latest</h1><ul>")
	for _, a := range s.Articles {
		fmt.Fprintf(&b, "<li><a href=%q>%s</a></li>", a.Path, html.EscapeString(a.Title))
	}
	b.WriteString("</ul><a href=\"/private/secret.html\">staff</a></body></html>")
	fmt.Fprint(w, b.String())
}

func (s *Site) serveFeed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>AI Wire</title><link>` + s.URL + `/</link><description>AI news</description>`)
	for _, a := range s.Articles {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate></item>",
			html.EscapeString(a.Title), s.URL+a.Path, a.Published.Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>")
	fmt.Fprint(w, b.String())
}

func (s *Site) serveSitemap(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/xml")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, a := range s.Articles {
		fmt.Fprintf(&b, "<url><loc>%s</loc><lastmod>%s</lastmod></url>", s.URL+a.Path, a.Published.Format(time.RFC3339))
	}
	b.WriteString("</urlset>")
	fmt.Fprint(w, b.String())
}

func (s *Site) serveArticle(w http.ResponseWriter, r *http.Request) {
	for _, a := range s.Articles {
		if a.Path == r.URL.Path {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, Render(a, s.URL))
			return
		}
	}
	http.NotFound(w, r)
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

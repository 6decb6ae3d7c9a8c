package extractor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// shapePages are hand-made pages in testdata/shapes, one for each layout
// family of big English-language news and magazine sites, with the main
// text they must give (NAME.txt, matched by shingleF1), their title and
// publication day, and lines the text must not hold.
var shapePages = []struct {
	file, url        string
	title, published string
	extraction       string
	drop             []string
}{
	// A story told as numbered cards, siblings of one class: text cards,
	// and cards built around a photo or an embedded post whose only text
	// is a heading, between them; the longest card scores above the list.
	{file: "numbered-cards", url: "https://www.buzzline.example/mira/people-divided-redrawn-portrait",
		title: "People Are Divided Over This Redrawn Portrait Of A Pop Star", published: "2023-03-02",
		drop: []string{"More News", "Via photos", "23 Tweets"}},
	// A deals post whose product lines are links, each with its price,
	// under short headings; a "Read more:" link and related headlines
	// with sums of money in them after it.
	{file: "deals-links", url: "https://www.dailyfinds.example/2023/11/14/best-deals-tuesday.html",
		title: "Today's best deals: headphones, robot vacuums and a cheap e-reader", published: "2023-11-14",
		drop: []string{"Read more", "Monday's best deals", "$2 million"}},
	// A site of short posts: the page's own, headlined by its title, then
	// a list of the latest posts, each an <article> longer than it.
	{file: "post-stream", url: "https://www.standardreview.example/posts/139022/candidate-posts-not-distraction",
		title: "Maybe the candidate's posts are not a distraction after all", published: "2023-10-02",
		drop: []string{"Latest posts", "opinion polls", "farm bill"}},
	// A live blog: timestamped posts, newest first, each with its own headline, share buttons and ads between.
	{file: "live-blog", url: "https://www.dailymeridian.example/us/live-news/wildfire-cedar-falls-08-17-23/index.html",
		title: "Live updates: Wildfire forces evacuations near Cedar Falls", published: "2023-08-17"},
	// A photo story whose text is its slides' captions, each slide counted ("3 / 5") and credited.
	{file: "photo-story", url: "https://www.globeweekly.example/photography/article/monarch-butterflies-return-mexico",
		title: "In photos: The return of the monarch butterflies", published: "2023-11-21",
		extraction: ExtractionCaptions, drop: []string{"1 / 5", "5 / 5", "Lucia Romero for Globe Weekly"}},
	// A product round-up: headings, short paragraphs and product cards with buy buttons.
	{file: "roundup", url: "https://www.gearlab.example/home/best-robot-vacuums",
		title: "The 4 Best Robot Vacuums of 2023", published: "2023-09-05"},
	// A page builder's body split into sibling columns with ads, "skip advertisement" links and a "Read more" between them.
	{file: "split-sections", url: "https://www.chronicletimes.example/2023/04/09/business/battery-plant-georgia.html",
		title: "A Small Town Bets Its Future on a Battery Plant", published: "2023-04-09"},
	// A page builder's story in boxes of one class whose class says
	// "widget", most of them holding a paragraph or two, between photos
	// and a "Read more" promo; after it, the same boxes hold an appeal for
	// gifts under a heading of its own.
	{file: "builder-widgets", url: "https://www.creekcourier.example/2023/03/07/alder-creek-water-plant/",
		title: "Alder Creek will build a plant to clean its water", published: "2023-03-07",
		drop: []string{"Read more", "Mill Road", "One of the town wells", "Do you value local news", "small monthly gift", "School board picks"}},
	// An AMP page: amp-img, amp-ad, amp-sidebar and amp-list around the story.
	{file: "amp", url: "https://www.lakesidegazette.example/news/local/elm-street-bike-lanes/amp/",
		title: "City council approves new bike lanes on Elm Street", published: "2023-06-06"},
	// A byline that prints the update before the publication ("Updated 3:15 PM EDT, Wed March 15, 2023 | Published 1:02 PM EDT, Tue March 14, 2023"), and only og:updated_time in the metadata.
	{file: "byline-updated-published", url: "https://www.cnw.example/2023/03/14/business/airline-fined-refunds/index.html",
		title: "Airline fined $2 million over refund delays", published: "2023-03-14"},
	// No metadata: one line "Published March 14, 2023 Updated March 15, 2023", and dated related posts below.
	{file: "published-updated-line", url: "https://valleyvoice.example/education/elmwood-five-day-week/",
		title: "School district adds a fifth day of classes after parents push back", published: "2023-03-14"},
	// JSON-LD @graph with a WebSite, a WebPage (its own, earlier, date), a BreadcrumbList, the NewsArticle and a Person.
	{file: "jsonld-graph", url: "https://nationalcourier.example/news/rail-strike-called-off/",
		title: "Rail strike called off after late offer", published: "2023-02-01"},
	// A paywall: two teaser lines on the page, the whole story in JSON-LD articleBody.
	{file: "paywall", url: "https://www.financialledger.example/articles/orion-devices-job-cuts-11698185100",
		title: "Chipmaker to cut 4,000 jobs as demand slumps", published: "2023-10-24",
		extraction: ExtractionJSONLD, drop: []string{"Subscribe Now", "Continue reading your article"}},
	// A Q&A: questions in bold, answers led by the speaker's name in bold, a newsletter box among them.
	{file: "interview", url: "https://www.literaryreview.example/books/2023/05/ada-okafor-quiet-canopy-interview",
		title: "‘I Wanted the Forest to Be the Main Character’: A Conversation With Ada Okafor", published: "2023-05-18"},
	// An opinion column with a long author bio and "More from" below.
	{file: "opinion-bio", url: "https://www.capitalpost.example/opinions/2023/07/12/city-trees-heat-parking/",
		title: "Our cities need more trees, not more parking", published: "2023-07-12"},
	// A markets strip of figures and a data-provider note above a story of one-sentence paragraphs.
	{file: "ticker-short", url: "https://www.marketwire.example/markets/commodities/oil-jumps-producers-extend-cuts-2023-06-05/",
		title: "Oil jumps 4% after producers extend cuts", published: "2023-06-05"},
	// A how-to with lists of things and numbered steps, then a recipe card and nutrition table.
	{file: "recipe", url: "https://www.homekitchendaily.example/how-to-make-sourdough-starter-7102",
		title: "How to Make Sourdough Starter From Scratch", published: "2023-02-27"},
	// A video page: a player, a description, a transcript with speakers and an "Up next" strip.
	{file: "video-transcript", url: "https://www.pbnnews.example/video/great-lakes-ice-loss-1723",
		title: "Why the Great Lakes are losing their ice", published: "2023-02-08"},
	// "More from this author" teasers and a "Most read" list after the story.
	{file: "most-read", url: "https://www.northernstandard.example/money/council-tax-rise-april-b2285",
		title: "Council tax to rise by 5% in most of England", published: "2023-02-20"},
	// A game story under a score strip, a line score table and the game's leaders.
	{file: "score-box", url: "https://www.sportscentral.example/nba/story/harbor-city-ridgeway-overtime",
		title: "Harbor City rally past Ridgeway in overtime to reach conference final", published: "2023-05-13"},
	// A timeline whose entries are headed by dates: they stay in the text and none is the publication date.
	{file: "timeline", url: "https://www.metrobulletin.example/local/mill-river-bridge-timeline",
		title: "Timeline: How the bridge collapse unfolded", published: "2023-09-28",
		drop: []string{"Staff report", "Posted Sep 28, 2023"}},
	// A body whose every paragraph has a wrapper of its own, with ads,
	// a photo and related links in wrappers like theirs; a byline that
	// goes on with the writer's bio and the date.
	{file: "paragraph-wrappers", url: "https://www.thecircuit.example/23900123/pebble-tri-foldable-phone-review",
		title: "The new Pebble phone folds twice, and it mostly works", published: "2023-10-03",
		drop: []string{"a senior reviewer", "Advertisement", "Most Popular", "The best foldable phones"}},
	// Each paragraph in a text block of its own, between image, links,
	// subheadline and tag blocks.
	{file: "text-blocks", url: "https://www.bcn.example/news/uk-66012345",
		title: "Heatwave: Hosepipe ban announced for two million customers", published: "2023-06-26",
		drop: []string{"Related Topics", "More on this story", "Image source"}},
	// Promos to other stories and to the app set as bold, all-caps
	// paragraphs of the body, and an ad among them.
	{file: "inline-promos", url: "https://www.libertynews.example/politics/senate-passes-bill-ban-tiktok-government-phones",
		title: "Senate passes bill to ban TikTok on government phones", published: "2023-02-28",
		drop: []string{"TIKTOK CEO TO TESTIFY", "CLICK HERE", "ADVERTISEMENT", "Follow him on Twitter"}},
	// Key points over a body in groups of paragraphs, with an inline
	// video's label, a photo's credit and "More from" between them,
	// under a markets banner.
	{file: "key-points", url: "https://www.biztv.example/2023/01/18/retail-sales-december-2022.html",
		title: "Retail sales fell 1.1% in December as holiday shopping slowed", published: "2023-01-18",
		drop: []string{"3,928.86", "watch now", "Getty Images", "Mortgage demand jumps"}},
	// A wire story, each paragraph in an element of its own, under a
	// dateline printed in a <time> ("July 20, 2023 12:15 AM UTC") and an
	// "Updated a day ago".
	{file: "wire-story", url: "https://www.globalwire.example/world/asia-pacific/japans-exports-rise-third-month-2023-07-20/",
		title: "Japan's exports rise for third month on car shipments", published: "2023-07-20",
		drop: []string{"Updated a day ago", "12:15 AM UTC", "Scroll to continue", "Our Standards", "Read Next"}},
	// Teaser cards of other stories, each with a headline and a
	// sentence, set between the paragraphs of a short story.
	{file: "teaser-cards", url: "https://www.eveningdispatch.example/news/uk/train-drivers-strike-march-b1062011.html",
		title: "Train drivers to strike again in March", published: "2023-02-16",
		drop: []string{"Season tickets will go up", "Every strike planned", "Energy bills to fall"}},
	// A gallery of slides, each with a heading and a paragraph, after an
	// intro of one short paragraph in a wrapper of its own.
	{file: "slides-prose", url: "https://www.starbeat.example/celebrities-married-2023-8412345",
		title: "20 Celebrities Who Got Married in 2023", published: "2023-12-19",
		drop: []string{"Getty", "Never miss a story"}},
	// A three-paragraph story above related stories whose teasers are
	// longer than its paragraphs.
	{file: "related-heavy", url: "https://www.hometowndaily.example/news/zoo-red-panda-twins",
		title: "Zoo welcomes rare twin red pandas", published: "2023-08-08",
		drop: []string{"Related stories", "Asia trail", "nursery team"}},
	// A live blog whose posts are <article> blocks with a <time>, a
	// pinned copy of one post on top, key events and "Updated at" lines.
	{file: "live-blocks", url: "https://www.sentinel.example/uk-news/live/2023/mar/15/budget-2023-live-childcare",
		title: "Budget 2023 live: chancellor unveils childcare plan – as it happened", published: "2023-03-15",
		drop: []string{"Key events", "Show key events only", "Updated at 18.50", "Most viewed"}},
	// An explainer with a table of contents, an audio player, an
	// editor's note and a FAQ.
	{file: "explainer-toc", url: "https://www.weathernow.example/news/weather/heat-dome-explained",
		title: "What is a heat dome? Here's what to know", published: "2023-07-18",
		drop: []string{"Listen to this article", "In this article", "Topics:"}},
	// A story in a table cell, its paragraphs parted by <br><br>.
	{file: "br-text", url: "https://www.dailytribune.example/city/monsoon-rains-flood-low-lying-areas-512345",
		title: "Monsoon rains flood low-lying areas of the city", published: "2023-07-10",
		drop: []string{"Top Stories", "Tags:", "Tribune News Service"}},
	// A story of one-line paragraphs beside a carousel of readers'
	// quotes, each longer than the story's paragraphs.
	{file: "quote-strip", url: "https://www.riverbendjournal.example/news/stadium-deal-final-vote",
		title: "Stadium deal clears final vote", published: "2023-04-27",
		drop: []string{"What readers are saying", "I have lived in this county", "Share your view"}},
	// Paragraphs as <div>s, the headline a <span role=heading>, and a
	// byline naming a writer the metadata does not.
	{file: "div-paragraphs", url: "https://www.coastaltimes.example/news/islands/ferry-service-resume-may-123456",
		title: "Ferry service to the islands will resume in May", published: "2023-03-02",
		drop: []string{"By Erin Walsh", "Lifeboat crew", "Latest"}},
	// A body in custom elements (<bsp-article-body>, <rich-text-block>)
	// between custom ad and related elements.
	{file: "custom-elements", url: "https://www.heritagedaily.example/article/museum-returns-manuscripts-monastery-a1b2c3",
		title: "Museum returns stolen manuscripts to monastery", published: "2023-10-11",
		drop: []string{"Advertisement", "Stolen painting found", "By Omar Haddad"}},
	// A page builder's rows: the body in three of them, between an ad
	// rail, a photo with a long caption, related links and a newsletter
	// promo.
	{file: "builder-rows", url: "https://www.plainsnetwork.example/news/drought-cattle-sales-early",
		title: "Drought forces farmers to sell cattle early", published: "2023-08-22",
		drop: []string{"Cattle wait to be sold", "Related Stories", "Get the morning headlines"}},
	// The same rows with hashed class names, and teasers of a sentence
	// under each related link.
	{file: "hashed-rows", url: "https://www.plainsnetwork.example/news/drought-cattle-sales-early",
		title: "Drought forces farmers to sell cattle early", published: "2023-08-22",
		drop: []string{"Related Stories", "Farmers in the region say", "Officials warned"}},
}

// minShapeF1 is the least F1, over 4-word shingles, of a shape page's text
// against its expected text.
const minShapeF1 = 0.95

func TestShapePages(t *testing.T) {
	for _, p := range shapePages {
		t.Run(p.file, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", "shapes", p.file+".html"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", "shapes", p.file+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			a, _, err := testExtractor.ExtractArticle(page, p.url)
			if err != nil {
				t.Fatalf("ExtractArticle: %v", err)
			}
			if f := shingleF1(string(want), a.Text); f < minShapeF1 {
				t.Errorf("text F1 %.3f, want %.2f or more; text:\n%s", f, minShapeF1, a.Text)
			}
			for _, d := range p.drop {
				if strings.Contains(a.Text, d) {
					t.Errorf("text holds %q", d)
				}
			}
			if a.Title != p.title {
				t.Errorf("title %q, want %q", a.Title, p.title)
			}
			if got := a.PublishedAt.Format("2006-01-02"); got != p.published {
				t.Errorf("published %s (%s), want %s", got, a.PublishedAt, p.published)
			}
			if p.extraction != "" && a.Extraction != p.extraction {
				t.Errorf("extraction %q, want %q", a.Extraction, p.extraction)
			}
		})
	}
}

// shingleF1 is the metric of the article-extraction benchmark on one page:
// the F1 of the 4-word shingles of got against those of want, counted as
// bags, words being runs of letters and digits.
func shingleF1(want, got string) float64 {
	bag := func(s string) map[[4]string]int {
		w := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })
		m := make(map[[4]string]int)
		for i := 0; i+4 <= len(w); i++ {
			m[[4]string{w[i], w[i+1], w[i+2], w[i+3]}]++
		}
		return m
	}
	tw, gw := bag(want), bag(got)
	tp, nt, ng := 0, 0, 0
	for k, n := range tw {
		tp += min(n, gw[k])
		nt += n
	}
	for _, n := range gw {
		ng += n
	}
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(ng), float64(tp)/float64(nt)
	return 2 * p * r / (p + r)
}

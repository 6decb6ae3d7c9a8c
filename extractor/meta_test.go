package extractor

import (
	"os"
	"path/filepath"
	"testing"
)

// metaPages are hand-made news pages in testdata/meta, one for each way
// pages mark their headline and publication date that the metadata once
// missed, with the title and the publication day they must give.
var metaPages = []struct {
	file, url        string
	title, published string
}{
	// Videos, the publisher, a menu and a breadcrumb trail in JSON-LD
	// before the article's own object.
	{"jsonld-after-many.html", "https://riverside.example/news/library-levy-passes",
		"Library levy passes by 212 votes", "2023-06-14"},
	// Quotes left unescaped in the headline's attribute and JSON-LD: the
	// document title holds the whole headline.
	{"unescaped-quote.html", "https://valleytimes.example/politics/senator-governor-unfit",
		`Senator calls governor "unfit" for office`, "2023-03-21"},
	// A UTC time after local midnight, and a date line that prints the
	// day, then an update with its own clock time: the first date has no
	// time of its own, so the UTC instant goes onto the printed day.
	{"dateline-updated-time.html", "https://harborpost.example/news/ferry-winter-vote",
		"Late vote keeps the ferry running through winter", "2023-03-14"},
	// A UTC time just before local midnight, no date printed but the
	// URL's, whose month is named: the story is of the URL's day.
	{"url-month-name.html", "https://coastline.example/uk-news/2023/jun/14/storm-closes-ports",
		"Storm closes ports along the east coast", "2023-06-14"},
	// An <h1> that names the section, the headline in an <h2> that the
	// metadata title matches.
	{"section-h1.html", "https://harborpost.example/world/storm-closes-ports",
		"Storm closes ports along the east coast", "2023-03-14"},
	// A UTC time after local midnight in a URL of the UTC day, and the
	// local clock time printed before the date ("11:30 PM EDT, Tue March
	// 14, 2023"): the printed clock time gives the zone.
	{"time-before-date.html", "https://metroledger.example/2023/03/15/politics/council-budget-vote",
		"Council passes budget after midnight talks", "2023-03-14"},
	// A document title alone, ending in the site's name, which holds the
	// registrable label of the address.
	{"title-site-label.html", "https://www.valleygazette.example/metro/2023/05/02/bridge-reopens/",
		"Bridge reopens after two years of repairs", "2023-05-02"},
	// A generic meta date (name="date", dcterms.date) a week after the
	// publication date printed under the headline: the content system's
	// last save, not the publication.
	{"generic-meta-date.html", "https://riversidecourier.example/news/library-second-branch",
		"Library opens a second branch in the old mill", "2023-05-02"},
	// A publication time with no zone whose twin in JSON-LD is UTC
	// (same minute, "Z"), after local midnight of the URL's day: the
	// time is UTC, and the story of the URL's day.
	{"naive-utc-twin.html", "https://pacificledger.example/business/story/2023-03-14/streaming-glitches",
		"Streaming service admits launch-day glitches", "2023-03-14"},
	// A generic meta date beside a <time> printed below the story, far
	// from the headline: the printed date is the publication's.
	{"generic-meta-time-below.html", "https://landesamt.example/themen/messstationen",
		"Neue Messstationen am Fluss", "2023-05-02"},
	// An <h1> that names the section, the headline in an <h2> that the
	// document title matches, no other title in the metadata.
	{"section-h1-doctitle.html", "https://healthwire.example/parenting/news/20230606/swim-early",
		"Children who swim early may fear water less", "2023-06-06"},
	// A site-wide og:title ("Harbor Post - Latest News & Headlines"),
	// the headline in the document title, the <h1> in an overlay.
	{"sitewide-og-title.html", "https://harborpost.example/news/cargo-ship-loses-power-reef-093012345.html",
		"Cargo ship loses power and drifts toward the reef", "2023-09-05"},
	// A republished post: the meta publication time is the
	// republication's, JSON-LD and the date printed under the byline
	// the first publication's.
	{"republished-meta-date.html", "https://workshopnotes.example/four-day-weeks-4f2a91c3",
		"What a year of four-day weeks taught our team", "2023-04-11"},
	// A meta date with a zone abbreviation Go does not know ("EST" in
	// Melbourne), late in the evening, and a modification time with an
	// offset: the abbreviated time is the page's local clock time, not
	// UTC to be moved into the page's zone.
	{"zone-abbreviation.html", "https://southernstar.example/news/tram-fares-rise",
		"Tram fares to rise in July", "2023-03-14"},
	// A blog's name in the <h1>, the post's title an <h3> linking to the
	// post itself, which the metadata title matches.
	{"blog-post-link-title.html", "https://harbordev.blogs.example/post/2231/harbor-20-the-tide-update",
		"Harbor 2.0 - The Tide Update", "2023-09-02"},
	// A meta publication time that is the last version's, hours after
	// JSON-LD's first publication on the day before, which the page
	// prints: the printed day decides.
	{"published-at-update.html", "https://worlddesk.example/news/parliament-rejects-budget-rcna128",
		"Parliament rejects the budget after a night of talks", "2023-12-06"},
	// JSON-LD wrapped in a CDATA section (as a WordPress schema plugin
	// prints it), the only publication date; a later date in a list of
	// community posts beside the story.
	{"jsonld-cdata.html", "https://harbortech.example/news/ferry-night-crossing/",
		"Ferry operator adds a night crossing", "2023-04-18"},
	// JSON-LD that strict JSON rejects: a raw line break inside a
	// string, a comma before a closing brace and a stray closing brace
	// after the object; the only other dates are those of related
	// stories.
	{"jsonld-broken.html", "https://lakesidedaily.example/region/water-board-reservoir",
		"Water board approves a new reservoir", "2023-10-26"},
	// A meta creation time (dcterms.created) the evening before JSON-LD's
	// publication time, which the page prints to the minute under the
	// byline: the story went out at JSON-LD's time.
	{"created-meta-time.html", "https://capitolwire.example/politics/third-debate-spending",
		"Candidates clash over spending in the third debate", "2023-11-09"},
	// A meta publication time that is, to the minute, JSON-LD's
	// modification time three days after JSON-LD's publication time,
	// no date printed: the meta tag is the last edit's.
	{"meta-published-is-update.html", "https://pinenotes.example/school-garden-street-4f2a",
		"How our school garden fed the whole street", "2023-05-16"},
	// A <time> that prints "4 hours ago" and keeps its instant in
	// data-published, no datetime.
	{"time-data-attribute.html", "https://gridironwire.example/coach-leaves-state-university",
		"Coach leaves for the state university after six seasons", "2023-02-08"},
	// A photo's caption (an image and a sentence beside it in one
	// element, no caption markup) dated two days before the date line
	// under it: the caption's date is the photo's.
	{"caption-beside-image.html", "https://portwire.example/dock-workers-walk-out",
		"Dock workers walk out over new shift rules", "2023-03-14"},
	// A <figcaption> dated before the byline's date.
	{"figcaption-date.html", "https://coastline.example/rail-line-reopens",
		"Rail line reopens after the landslide", "2023-02-09"},
	// A feed of stories whose linked <h1>s hold the page's own under its
	// shorter social title (og:title); the story's plain <h1> prints the
	// document title's headline.
	{"story-list-h1.html", "https://metrowire.example/us/senator-bridge-repairs/story?id=4412",
		"Senator Says Harbor Bridge Repairs Will Take Two More Years", ""},
	// A dated link to a related story (class "related-link") between
	// the headline and the byline's date.
	{"related-date-before-byline.html", "https://townledger.example/news/library-branch-site",
		"Library board picks a site for the new branch", "2023-11-08"},
	// An <h1> marked itemprop="alternativeHeadline" (the tab's short
	// title) over an <h2> marked as the headline, which og:title is.
	{"alternative-headline-h1.html", "https://homenotes.example/small-kitchen-mistakes",
		"The 4 Most Common Small-Kitchen Mistakes and How to Fix Them", "2023-03-03"},
	// A site-wide og:title (the site's name and its tagline, "Southern
	// Courier | Local news you can trust") beside a document title that
	// names the site after the story's headline; no <h1>.
	{"sitewide-tagline-title.html", "https://www.southerncourier.example/news/night-bus-vote",
		"Council votes to keep the night bus running", "2023-08-22"},
	// No <h1> and no date in the metadata: the masthead's today above
	// the story's <h2>, the story's own date in a line just below it.
	{"masthead-date-no-h1.html", "https://baysideledger.example/ferry-crews-roster",
		"Ferry crews vote to accept the new roster", "2023-05-02"},
	// A teaser in og:title and the document title, printed nowhere; the
	// story's <h2> prints sailthru.title; the only <h1> is the logo.
	{"social-title-h2.html", "https://civicpost.example/council-park-money-roads/",
		"Council Moves Park Money to Road Repairs", ""},
	// A forum thread, no date in the metadata: the poster's box prints
	// the day the poster joined before the post's own date.
	{"forum-joined-date.html", "https://trailhead.example/threads/tent-coast-path.5521/",
		"Which tent for a week on the coast path?", "2023-03-18"},
	// A forum thread, no <h1>, no date in the metadata: the date
	// nearest the thread's title is the poster's registration day.
	{"forum-registered-no-h1.html", "https://gartenforum.example/viewtopic.php?t=812",
		"Pumpe der Zisterne schaltet nicht ab", "2023-03-21"},
	// A UTC time after midnight, a language tag with no region, nothing
	// else that places the publisher: the site's country domain gives
	// the zone, and the story the evening before.
	{"country-domain-zone.html", "https://www.capitalcourier.ca/news/1728875/school-buses-september",
		"School buses to run a reduced service in September", "2023-08-24"},
	// og:title escaped twice ("&amp;#039;"), no <h1> and no <title>:
	// the entities left after parsing are read.
	{"double-escaped-og-title.html", "https://valleywire.example/news/farmers-market-station",
		`Farmers' market moves to the "old" station`, "2023-04-18"},
	// No <h1>, no date in the metadata: the site's header, which links
	// home, prints today's date in an element classed "date"; the
	// story's date is a plain line under its <h2>.
	{"masthead-date-class.html", "https://pacificstar.example/news/263700449/ridge-fire-control",
		"Firefighters bring the ridge fire under control", "2023-03-13"},
	// A UTC time late in the evening and, printed, only an update's
	// time hours later: their distance is no zone's offset, and the
	// language tag's region dates the story.
	{"update-time-no-zone.html", "https://northernechopost.example/news/night-trains-northern-line",
		"Night trains to run again on the northern line", "2023-09-28"},
	// No <h1>, no meta date: the story's <header>, inside <article>,
	// links home in its breadcrumbs and prints the date under an <h2>
	// headline; the text names an earlier day first.
	{"story-header-in-article.html", "https://towntimes.example/news/council-approves-budget",
		"Council approves budget", "2024-05-05"},
	// The same, no <article> or <main>: the <h2> that is the page
	// title's headline makes the <header> the story's, no masthead.
	{"story-header-h2.html", "https://towntimes.example/news/council-approves-budget",
		"Council approves budget", "2024-05-05"},
	// A video page whose only date is its VideoObject's uploadDate.
	{"video-upload-date.html", "https://metrodaily.example/video/bridge-span-lift",
		"Watch: crews lift the old bridge span into the river", "2023-03-14"},
	// A byline's "2 days ago" in an element classed for a date, no
	// <time>: its data-timestamp keeps the instant.
	{"relative-date-data-attribute.html", "https://metrodaily.example/news/council-late-bus",
		"Council extends the late bus service", "2023-03-14"},
}

func TestMetaPages(t *testing.T) {
	for _, p := range metaPages {
		t.Run(p.file, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", "meta", p.file))
			if err != nil {
				t.Fatal(err)
			}
			a, _, err := testExtractor.ExtractArticle(page, p.url)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != p.title {
				t.Errorf("title %q, want %q", a.Title, p.title)
			}
			if got := a.PublishedAt.Format("2006-01-02"); p.published != "" && got != p.published {
				t.Errorf("published %s (%s), want %s", got, a.PublishedAt, p.published)
			}
		})
	}
}

func TestLenientJSON(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int // values read
	}{
		{`{"a": 1}}`, 1},
		{`{"a": 1} {"b": 2}`, 2},
		{"{\"a\": \"two\nlines\"}", 1},
		{`{"a": [1, 2,], "b": {"c": 3,},}`, 1},
		{`{"a": "x, }"}`, 1},
		{`{"a": }`, 0},
	} {
		got := lenientJSON(tt.in)
		if len(got) != tt.want {
			t.Errorf("lenientJSON(%q): %d values %v, want %d", tt.in, len(got), got, tt.want)
		}
	}
	if v := lenientJSON(`{"a": "x, }"}`); len(v) == 1 && v[0].(map[string]any)["a"] != "x, }" {
		t.Errorf("a string's comma and brace changed: %v", v)
	}
}

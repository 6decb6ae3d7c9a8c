package extractor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tailPages are hand-made pages in testdata/tail, one for each kind of
// failure seen in the tail of real news pages (main text far below the
// page's own story), with what the text must hold and must not, the path
// that must produce it, the publication day, and how many times a line
// must be in the text.
var tailPages = []struct {
	file, url  string
	want, drop []string
	extraction string
	published  string
	times      map[string]int
}{
	{
		file: "split-blocks.html", url: "https://coastalledger.example/news/seawall-vote",
		want: []string{"After two floods in one spring", "recommended raising the wall by four feet",
			"Construction is expected to start in September", "The loan will be repaid over twenty years",
			"Residents who spoke at the meeting", "The state's grant program"},
		drop: []string{"Advertisement", "Read more: Forecasters", "Ferry schedule", "morning briefing",
			"Sign up to receive", "Old pier to reopen", "The pier at the end of Beach Road", "Lighthouse", "All rights reserved"},
		extraction: ExtractionPrimary, published: "2023-05-02",
	},
	{
		file: "ticker.html", url: "https://marketdaily.example/markets/norvale-shares",
		want:       []string{"Shares of Norvale Semiconductor fell 9%", "Analysts had expected", "Rival companies also fell"},
		drop:       []string{"Dow Jones", "Nasdaq Composite", "Bitcoin"},
		extraction: ExtractionPrimary, published: "2023-08-09",
	},
	{
		file: "caption-list.html", url: "https://northernpost.example/news/cycle-lanes",
		want:       []string{"Three new protected cycle lanes", "Kerbs will separate them", "asked for a fourth lane"},
		drop:       []string{"The week in pictures", "Crowds gather on the quayside", "Frost covers the allotments", "By Priya Nair"},
		extraction: ExtractionPrimary, published: "2023-03-14",
	},
	{
		file: "appended.html", url: "https://wayfarer.example/travel/night-trains",
		want: []string{"At a quarter past nine", "Slow travel, fast bookings", "Whether the revival lasts will depend on track charges"},
		drop: []string{"Tom Reyes is a travel writer", "Never miss a story", "Sign up for the Wayfarer newsletter",
			"You might also like", "From Hull to Rotterdam", "More from Tom Reyes", "The city is steep", "yellow trams"},
		extraction: ExtractionPrimary, published: "2023-10-05",
	},
	{
		file: "second-article.html", url: "https://dailycourier.example/news/museum-bronzes",
		want:       []string{"A museum in the city handed back two bronze statues", "Thousands of objects were taken during the raid of 1897"},
		drop:       []string{"City council delays vote", "The city council postponed a vote", "Luis Ortega", "Grace Adeyemi"},
		extraction: ExtractionPrimary, published: "2023-02-21",
	},
	{
		file: "gallery.html", url: "https://valleyherald.example/photos/county-fair-100",
		want: []string{"The county fair turns 100 this week", "The first fair, in 1923, was held on a farm",
			"The Ferris wheel arrived in 1965", "This year's fair opened on Wednesday"},
		drop:       []string{"Valley Historical Society", "Ana Kowalski / Valley Herald", "By Ana Kowalski"},
		extraction: ExtractionCaptions, published: "2023-07-28",
	},
	{
		file: "listicle.html", url: "https://kitchenlab.example/reviews/best-electric-kettles",
		want: []string{"We boiled more than 300 litres", "1. Best overall: Brisa Pro 1.7L", "The Brisa boiled a full kettle",
			"Pros: fast, quiet", "5. Best for travel: Nomad Mini", "but it boils them in a little over a minute", "How we tested"},
		drop:       []string{"$79.99", "$129.00", "at Amazon", "Advertisement"},
		extraction: ExtractionPrimary, published: "2023-11-16",
	},
	{
		file: "fallback-only.html", url: "https://prairietribune.example/news/lake-caddo-record-low",
		want: []string{"The state's largest reservoir dropped to its lowest level", "Boat ramps on the east shore",
			"stage three emergency"},
		drop:       []string{"covered the towns of the high plains", "consider supporting our newsroom"},
		extraction: ExtractionReadability, published: "2023-09-12",
	},
	{
		file: "midbody-boxes.html", url: "https://metrostar.example/article/offices-to-homes",
		want: []string{"The city council on Wednesday approved a plan", "About a third of the office space downtown is empty",
			"Developers said the tax break", "it gets people living downtown again"},
		drop: []string{"RELATED COVERAGE", "Office vacancies reach a record high", "Get the morning brief", "Most read",
			"Updated 1:10 PM EST"},
		extraction: ExtractionPrimary, published: "2023-03-08",
	},
	{
		file: "promo-midstory.html", url: "https://marketinsider.example/careers/four-day-workweek-trial",
		want: []string{"In January, my team switched to a four-day workweek", "The first month was hard",
			"Not everyone on the team felt the same way", "The trial ends next month"},
		drop: []string{"Read next", "A new study says remote workers", "Sign up for our Careers newsletter",
			"More from Careers", "I quit my job to travel", "All rights reserved"},
		extraction: ExtractionPrimary, published: "2023-07-20",
	},
	{
		file: "endless-feed.html", url: "https://aggregate.example/2023/streaming-console-reviews",
		want: []string{"The first cloud console from a big phone maker", "On a good day it is hard to tell",
			"The starter pack costs $129"},
		drop: []string{"Want more stories like this", "Every day we send an email", "Herders have moved their reindeer",
			"One koala was caught on camera", "Kim Osei is a freelance writer", "The last keeper of a lighthouse", "It took her nine years", "reopened this week after a long winter"},
		extraction: ExtractionPrimary, published: "2023-11-14",
	},
	{
		file: "noscript-only.html", url: "https://safety.example/2023/05/safer-downloads.html",
		want: []string{"Over the past year we have seen harmful downloads", "Starting this week, the browser checks every file",
			"including warnings for files that ask for a password"},
		drop:       []string{"The latest news and insights", "Privacy", "Posted by"},
		extraction: ExtractionNoscript, published: "2023-05-16",
	},
	{
		file: "slideshow.html", url: "https://everydayfinds.example/gifts/winter-things",
		want: []string{"1. A lamp that wakes you with light", "This kettle keeps five settings", "these socks pull sweat away",
			"5. A bike light that charges in the sun", "so it need not stay on the bike"},
		drop:       []string{"Previous", "About us"},
		extraction: ExtractionSlides, published: "2023-12-04",
	},
	{
		file: "next-story.html", url: "https://diariosur.example/nacionales/bendicion-de-vehiculos",
		want: []string{"los frailes del convento realizarán la bendición anual", "Será este sábado",
			"los diez mandamientos del manejo responsable"},
		drop:       []string{"El fiscal general de un país vecino", "mesa de trabajo permanente", "Diario Sur"},
		extraction: ExtractionPrimary, published: "2023-05-05",
	},
	{
		file: "boxed-story.html", url: "https://morningledger.example/news/import-standards-letter",
		want: []string{"A coalition of farmers, cooks and charities", "The government said on Saturday night",
			"The farmers' union said it would publish"},
		drop:       []string{"Charity warns a million", "By Sam Ruiz", "As many as a million young people", "apprenticeships had fallen"},
		extraction: ExtractionPrimary, published: "2023-04-16",
	},
	{
		// Posts of a live blog by other reporters, each boxed with its
		// headline and byline: all of them the story.
		file: "live-posts.html", url: "https://morningledger.example/news/storm-live",
		want: []string{"Follow our live coverage", "Water came over the harbour wall", "The rail operator has stopped all trains",
			"Councils in three counties have closed"},
		extraction: ExtractionPrimary, published: "2023-11-02",
	},
	{
		// A meal plan whose weeks repeat the same recipes word for word:
		// every repeat is the plan.
		file: "repeated-paragraphs.html", url: "https://fitbowl.example/plans/three-weeks-meal-prep",
		want:       []string{"Cooking the same two meals all week", "a handful of almonds", "Make the soup on Sunday"},
		drop:       []string{"All rights reserved"},
		times:      map[string]int{"Oat porridge with berries": 3, "Lentil soup with greens": 3},
		extraction: ExtractionPrimary, published: "2023-06-08",
	},
	{
		// The story printed twice, for wide screens and for phones.
		file: "doubled-story.html", url: "https://coasttimes.example/news/harbour-dredging",
		want:       []string{"The harbour board voted on Tuesday", "The board said it would talk to the fishing association"},
		times:      map[string]int{"The harbour board voted on Tuesday": 1, "Fishermen welcomed the plan": 1},
		extraction: ExtractionPrimary, published: "2023-04-19",
	},
	{
		// A promo box set between two paragraphs, and other stories after
		// the last one.
		file: "inset-promo.html", url: "https://metrowire.example/transit/late-buses",
		want: []string{"Fewer than two in three city buses", "Drivers blame roadworks", "Riders on the crosstown routes",
			"they are right to be"},
		drop:       []string{"Keep Reading", "The latest on public transit", "More Great Metro Wire Stories", "Rents rose again", "Want the best gear"},
		extraction: ExtractionPrimary, published: "2023-09-21",
	},
	{
		// A magazine's furniture printed as lines of the story.
		file: "furniture-lines.html", url: "https://trailmonthly.example/reviews/ridgeway-overtrousers",
		want: []string{"Overtrousers are the kit most walkers forget", "The fabric kept us dry", "At 320 grams they are not the lightest",
			"Verdict: a tough, fairly priced pair"},
		drop: []string{"Advert", "This slideshow requires JavaScript", "[button", "Send us YOUR kit review", "12 issues for",
			"Join our reader forums", "Follow him on Twitter", "Trail Monthly app"},
		extraction: ExtractionPrimary, published: "2023-02-10",
	},
	{
		// A deals story whose lines to the shops are all link.
		file: "deals.html", url: "https://gadgethour.example/deals/black-friday-daily-deals",
		want: []string{"Black Friday is here", "Get it on Amazon for $59.99", "Get it at Walmart for $249.95", "See it now: Best Buy",
			"Prices were correct at the time of writing"},
		drop:       []string{"Yesterday's deals on laptops"},
		extraction: ExtractionPrimary, published: "2023-11-24",
	},
	{
		// The writer's box under a post prints her bio from the JSON-LD.
		file: "author-box.html", url: "https://smallplot.example/balcony-tomatoes",
		want:       []string{"You do not need a garden", "Lena Ortiz has grown tomatoes", "feed the plants once a week"},
		drop:       []string{"so happy you found my little corner", "My blog is full of easy projects", "Latest posts by"},
		extraction: ExtractionPrimary, published: "2023-05-11",
	},
	{
		// Quoted social posts keep their signature lines.
		file: "quoted-posts.html", url: "https://riversideecho.example/news/night-buses",
		want: []string{"The city council voted on Monday", "keep all six night bus routes",
			"— City Hall (@CityHall) October 9, 2023", "— Night Owls (@NightOwls) October 9, 2023",
			"about £1.2 million a year"},
		extraction: ExtractionPrimary, published: "2023-10-09",
	},
	{
		// The rest of the story in a "read more" expander (a phone
		// layout's), an ad between its button and its text; a box of
		// links under the story has the same class.
		file: "read-more-expander.html", url: "https://southernstar.example/news/opinion/council-camera-rules",
		want: []string{"Eleven suburban councils have written", "The letter, sent on Monday",
			"The police minister announced the rules in May", "Traders' groups were split",
			"had no plans to change the date"},
		drop:       []string{"Read more", "Bayside traders count the cost", "Rates to rise", "All rights reserved"},
		extraction: ExtractionPrimary, published: "2023-08-17",
	},
	{
		// A data table with a "Comment" column inside the story; the
		// readers' comments after it.
		file: "table-comment-column.html", url: "https://baysidedaily.example/transit/ferry-winter-timetable",
		want: []string{"The county's ferry service publishes", "Added for hospital night shifts", "Pier 2 closes for repairs",
			"Riders on the Point route were the most upset", "The new timetable takes effect on November 6"},
		drop:       []string{"Cutting the midday boats is a disgrace", "All rights reserved"},
		extraction: ExtractionPrimary, published: "2023-10-03",
	},
	{
		// The story in blocks, each beside a rail of related links in a
		// wrapper of its own (more than a lead before the second).
		file: "rail-between-blocks.html", url: "https://metroledger.example/2023/07/29/water-utility-sale.html",
		want: []string{"The city's sale of its water utility", "First, what the sale is not", "The sale happens in two steps",
			"Contracts are the hardest part", "Because the city is selling a company", "The council is expected to vote on the sale in September"},
		drop:       []string{"Related Coverage", "Water rates rise", "Council splits over", "Advertisement", "All rights reserved"},
		extraction: ExtractionPrimary, published: "2023-07-29",
	},
	{
		// A list of key points, some linking part of themselves and none
		// ending with a full stop; a list of other stories after it.
		file: "linked-bullets.html", url: "https://northernpost.example/news/rail-strikes-minister",
		want: []string{"In a wide-ranging interview, the minister also said:", "Ticket offices will close at most stations",
			"He expects the new northern line", "He would meet mayors \"within weeks\" to discuss their letter",
			"Driverless trains are not on the government's agenda", "Talks between the unions and the train companies"},
		drop:       []string{"More on this story", "Rail strike dates", "Union members back more strikes", "All rights reserved"},
		extraction: ExtractionPrimary, published: "2023-06-23",
	},
	{
		// The author's name, then the date with its weekday, in one line
		// and no "By" before: a byline, not text.
		file: "name-date-line.html", url: "https://valleycourier.example/news/library-fines",
		want:       []string{"The number of people signing up", "Librarians said many families"},
		drop:       []string{"Dana Price", "9:10 AM"},
		extraction: ExtractionPrimary, published: "2023-05-02",
	},
	{
		// A chart's labels, printed twice as positioned text (ai2html).
		file: "chart-labels.html", url: "https://metroledger.example/2023/09/25/nyregion/debt-payments.html",
		want: []string{"The city will spend more on interest", "Interest payments, which were about $1.1 billion",
			"The comptroller said the city was not at risk", "The mayor's office said the report overstated"},
		drop:       []string{"Interest payments on the city's debt", "$2 billion\n"},
		extraction: ExtractionPrimary, published: "2023-09-25",
	},
	{
		// A gallery of another section embedded in the story, a long
		// caption to each photo: its captions outscored the story.
		file: "embedded-gallery.html", url: "https://dailyledger.example/travel/hotel-cleaners-secrets-10506160.html",
		want: []string{"Most guests judge a hotel room", "We asked four cleaners", "1. Take the blankets off the bed",
			"5. Leave a note"},
		drop:       []string{"Rail operator posts a loss", "The port handled more containers", "AGENCY PHOTO"},
		extraction: ExtractionPrimary, published: "2023-08-14",
	},
	{
		// Subheadings written as <h1> among the story's paragraphs (a
		// blogging platform's), in a block after a full-width figure,
		// shorter than the first.
		file: "h1-subheads.html", url: "https://fieldnotes.example/how-we-cut-our-apis-response-time-by-half-3f2a1b",
		want: []string{"Last spring our public API answered", "We moved the token to a cache",
			"With the token out of the way", "That took another 60 milliseconds", "We should have measured first"},
		extraction: ExtractionPrimary, published: "2023-03-30",
	},
	{
		// A blog's tagline under its name in the header's <h1>: no lead.
		file: "blog-tagline.html", url: "https://trailsandtea.blogs.example/blog/post/2231",
		want:      []string{"Wave after wave of cold air", "The maples by the campsite were at their best"},
		drop:      []string{"This is the shared corner of Sam and Lou"},
		published: "2023-11-20",
	},
	{file: "date-related-items.html", url: "https://metrostar.example/news/hospital-wing-report", published: "2023-05-02",
		want: []string{"The committee met for four hours"}},
	{file: "date-related-times.html", url: "https://metrostar.example/news/hospital-wing-report", published: "2023-05-02",
		want: []string{"The committee met for four hours"}, drop: []string{"Clinic hours extended"}},
	{file: "date-byline-en.html", url: "https://metrostar.example/news/hospital-wing-report", published: "2023-05-02"},
	{file: "date-byline-de.html", url: "https://stadtanzeiger.example/lokales/klinikneubau", published: "2023-05-02"},
	{file: "date-byline-ko.html", url: "https://metronews.example/news/articleView.html?idxno=1234", published: "2023-05-02"},
	{file: "date-byline-vi.html", url: "https://tinmoi.example/bao-cao-benh-vien-4612345.html", published: "2023-05-02"},
	{file: "date-byline-zh.html", url: "https://news.example.cn/city/12345.html", published: "2023-05-02"},
	{file: "date-byline-ja.html", url: "https://toshi.example.jp/articles/20230502/k0001.html", published: "2023-05-02"},
}

func TestTailPages(t *testing.T) {
	for _, tc := range tailPages {
		t.Run(strings.TrimSuffix(tc.file, ".html"), func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", "tail", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			a, _, err := testExtractor.ExtractArticle(page, tc.url)
			if err != nil {
				t.Fatalf("ExtractArticle: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, d := range tc.drop {
				if strings.Contains(a.Text, d) {
					t.Errorf("text holds %q", d)
				}
			}
			for line, n := range tc.times {
				if got := strings.Count(a.Text, line); got != n {
					t.Errorf("text holds %q %d times, want %d", line, got, n)
				}
			}
			if tc.extraction != "" && a.Extraction != tc.extraction {
				t.Errorf("extraction %q, want %q", a.Extraction, tc.extraction)
			}
			if got := a.PublishedAt.Format("2006-01-02"); got != tc.published {
				t.Errorf("published %s, want %s", got, tc.published)
			}
			if t.Failed() {
				t.Logf("text:\n%s", a.Text)
			}
		})
	}
}

package extractor

import (
	"strings"
	"testing"
)

func TestMainText(t *testing.T) {
	prose := func(topic string) string {
		return "<p>" + strings.Repeat("The "+topic+" is described here at length, with care, in plain sentences. ", 6) + "</p>"
	}
	// section wraps paragraphs the way theatlantic.com wraps each part of
	// an article, with an aside next to it.
	section := func(topics ...string) string {
		out := `<div class="wrap"><div class="inner"><div class="box"><div class="text">`
		for _, tp := range topics {
			out += prose(tp)
		}
		return out + `</div></div><aside>Ad</aside></div></div>`
	}
	tests := []struct {
		name       string
		page       string
		want, drop []string
	}{
		{"prose before a table of signatories",
			`<div class="wysiwyg-content">` + prose("letter") + prose("debate") + prose("culture") +
				`<table><tr><td>` + strings.Repeat("<strong>Ann Lee</strong>, Rutgers University, writer<br>", 30) + `</td><td>` +
				strings.Repeat("<strong>Bo Chen</strong>, Barnard College, poet<br>", 30) + `</td></tr><tr><td></td></tr></table></div>`,
			[]string{"The letter is described", "The culture is described", "Ann Lee, Rutgers"}, nil},
		{"script hook classes say nothing",
			`<article class="main-content">` + prose("lead") + `<div class="row"><div id="x-article-text" class="column s-article-text js-dynamic-advertorial">` +
				prose("culture") + prose("policy") + `</div></div><div class="advert">Buy now</div></article>`,
			[]string{"The culture is described", "The policy is described"}, []string{"Buy now"}},
		{"classes that say what a block has or lacks name no furniture",
			`<div class="list"><div class="list-item item-image no_caption"><h2>A mother said her daughter was burning up from within before she died, after pills bought online.</h2><img src="/a.jpg"></div>` +
				`<div class="list-item item-text">` + prose("pill") + `</div><div class="list-item item-text">` + prose("hospital") + `</div><div class="list-item item-text">` + prose("police") + `</div></div>` +
				`<div class="widget has-sidebar"><p>Short links</p></div>`,
			[]string{"A mother said her daughter", "The pill is described"}, []string{"Short links"}},
		{"a page builder's boxes of one kind, each named apart, hold the story up to the heading after it",
			`<div class="page">` +
				`<section><div class="widget-wrap wrap-4f2a1c">` + prose("harbour") + `</div></section>` +
				`<section><div class="widget-wrap wrap-9b03d7">` + prose("ferry") + prose("pier") + prose("tide") + `</div></section>` +
				`<section><div class="widget-wrap wrap-c71e55">` + prose("museum") + `</div></section>` +
				`<section><div class="widget-wrap wrap-0d9e3a"><h3>Support our reporting</h3></div></section>` +
				`<section><div class="widget-wrap wrap-5a6b2f">` + prose("appeal") + `</div></section></div>`,
			[]string{"The harbour is described", "The tide is described", "The museum is described"}, []string{"The appeal is described", "Support our reporting"}},
		{"an article split into sections",
			`<main>` + section("heat", "fire", "ash") + section("storm", "flood") + section("drought", "smoke") + `</main><div class="sidebar"><p>Short links</p></div>`,
			[]string{"The heat is described", "The flood is described", "The smoke is described"}, []string{"Short links"}},
		{"a round-up's linked heading naming a product and its price stays; a linked heading of another story goes",
			`<article>` + prose("harbour") + `<h3><a href="https://shop.example/thumper">“Thumper” ($20)</a></h3>` + prose("museum") +
				`<h3><a href="/news/other-story">Review: the new racing game has a great year</a></h3>` + prose("bridge") + `</article>`,
			[]string{"The harbour is described", "“Thumper” ($20)", "The museum is described"}, []string{"Review: the new racing game"}},
		{"a video player's label and running time are no text; a sentence about the video is",
			`<article>` + prose("harbour") + `<p>Play Video - 2:46</p><p>Watch the video below to see the moment the ferry docked.</p>` + prose("museum") + `</article>`,
			[]string{"The harbour is described", "Watch the video below to see the moment", "The museum is described"}, []string{"Play Video"}},
		{"the publisher's notices at the story's end",
			`<article>` + prose("harbour") + prose("museum") + `<p><em>We want to hear what you think about this article. Submit a letter to the editor or write to letters@example.com.</em></p>` +
				`<p>Advertising disclosure: We may receive compensation for some of the links in our stories. Thank you for supporting the Ledger.</p>` +
				`<p><small>When you buy something using the retail links in our stories, we may earn a small affiliate commission.</small></p></article>`,
			[]string{"The harbour is described", "The museum is described"}, []string{"We want to hear", "Advertising disclosure", "affiliate commission"}},
		{"an unclosed header holding the page",
			`<header id="branding"><div class="logo">Site</div><div id="content"><article>` + prose("harbour") + prose("museum") + prose("town") + `</article></div>`,
			[]string{"The harbour is described", "The town is described"}, nil},
		{"a page header",
			`<header><p>Home, News, Sport, Weather, and every other section of this site, listed here for you.</p></header><article>` + prose("harbour") + prose("museum") + `</article>`,
			[]string{"The harbour is described"}, []string{"every other section"}},
		{"a summary next to the text",
			`<article><div class="share">Share</div><div class="article__summary summary">Three people have died during protests in the capital, after violent clashes erupted between supporters and the police.</div>` +
				`<div class="article__text text">` + prose("protest") + prose("police") + prose("fuel") + `</div><div class="media__title">Photo by a photographer of an agency</div></article>`,
			[]string{"Three people have died", "The protest is described"}, []string{"Photo by"}},
		{"a label only screen readers see, in a block classed as the entry's",
			`<article><div class="c-entry-labels"><p class="sr-only c-entry-box__labels-title">Filed under:</p><ul><li><a href="/topics/x">Snap Counts</a></li></ul></div>` +
				prose("defense") + prose("snap") + `<p>The line held <span class="sr-only entry-text">for 20 minutes</span> before the visitors scored twice in the second half of the game.</p></article>`,
			[]string{"The defense is described", "for 20 minutes"}, []string{"Filed under"}},
		{"a call to sign up at the story's end",
			`<article>` + prose("harbour") + prose("museum") + `<p>Photo: Ann Lee.</p><p>Do you want to hear about the campaign's next actions? <a href="/join">Sign up here</a></p></article>`,
			[]string{"The harbour is described", "The museum is described"}, []string{"Sign up here", "next actions"}},
		{"a sentence of the story ending in 'register now' stays",
			`<article>` + prose("election") + prose("ballot") + `<p>Officials urged residents who have moved to register now.</p></article>`,
			[]string{"The election is described", "urged residents who have moved to register now"}, nil},
		{"a lead in an <h3> between the headline and the text's container",
			`<main><div class="container"><div class="news"><h1>Camper vans draw crowds</h1><div class="share"><a href="#">Share</a></div>` +
				`<h3>Travelling by van is booming, and the fair proved it again. Over five days more than fifty thousand visitors came to the halls, and the new camper vans drew the biggest crowds.</h3></div>` +
				`<div class="news_detail">` + prose("van") + prose("roof") + prose("kitchen") + `</div></div></main>`,
			[]string{"Travelling by van is booming", "The van is described"}, nil},
		{"a card's list of linked checkpoints, each with a bracketed note",
			`<article>` + prose("model") + `<p>今回、以下の2つのモデルを同時に公開します。</p><ul><li><a href="#">sarashina3-70b</a>（事前学習モデル）</li><li><a href="#">sarashina3-70b-instruct</a>（本モデル、指示学習済み）</li></ul>` +
				prose("benchmark") + `<ul class="menu"><li><a href="/a">Models</a></li><li><a href="/b">Datasets</a></li></ul></article>`,
			[]string{"sarashina3-70b（事前学習モデル）", "sarashina3-70b-instruct（本モデル"}, []string{"Datasets"}},
		{"an embedded tweet",
			`<article>` + prose("slogan") + `<div class="social-media-embed"><blockquote class="twitter-tweet"><p>Yes this is real and yes the state spent nearly half a million dollars on it</p>— Dianna (@dianna) <a href="https://twitter.com/x">November 18, 2019</a></blockquote></div>` +
				prose("campaign") + `<div class="social-share"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div></article>`,
			[]string{"Yes this is real", "The campaign is described"}, []string{"Share on Facebook"}},
		{"a lead under the headline, outside the text's container",
			`<article><header><h1>Harbour reopens</h1><p class="byline">By Ann Lee</p>` +
				`<div class="intro"><p>The harbour reopened on Monday after a year of repairs. Fishermen say the new quay is safer, and the town hopes the ferries that stopped calling last winter will come back in spring, bringing the visitors with them.</p></div></header>` +
				`<div class="article-body">` + prose("harbour") + prose("quay") + prose("ferry") + `</div></article>`,
			[]string{"The harbour reopened on Monday", "The quay is described"}, []string{"By Ann Lee"}},
		{"a news log's entries whose model is a link, and a dated list of links",
			`<article>` + prose("toolkit") + `<ul><li><p>Aug 2025: Released <a href="https://huggingface.co/acme/lumo-2">Lumo-2.0-R-small</a>.</p></li>` +
				`<li><p>[2025/03/12] <a href="/v1">Lumo-1 base model</a> released.</p></li></ul>` + prose("install") +
				`<ul><li>Oct 9, 2023: <a href="/a">Council votes on the harbour budget</a></li><li>Oct 2, 2023: <a href="/b">Ferry timetable changes again</a></li></ul></article>`,
			[]string{"Aug 2025: Released Lumo-2.0-R-small.", "[2025/03/12] Lumo-1 base model released."}, []string{"Council votes", "Ferry timetable"}},
		{"a README's list naming each checkpoint by a link stays; a menu, a list of headlines and a list of bare links go",
			`<article>` + prose("toolkit") + `<ul><li>New checkpoints:</li><li>13B model <a href="/c/a.yaml">lumo-13b-0.4-distilled</a></li>` +
				`<li>Depth control: <a href="https://hub.example/acme/lumo-depth-1.2">lumo-depth-1.2</a></li><li>轻量模型 <a href="/c/b">lumo-2b-0.4</a></li></ul>` + prose("install") +
				`<ul><li><a href="/a">Home</a></li><li><a href="/b">World news</a></li><li>More: <a href="/c">Ferry timetable changes again this winter</a></li><li><a href="/d">covid-19</a></li></ul></article>`,
			[]string{"13B model lumo-13b-0.4-distilled", "Depth control: lumo-depth-1.2", "轻量模型 lumo-2b-0.4"}, []string{"World news", "Ferry timetable", "covid-19"}},
		{"a drop cap set apart from its word",
			`<article><div class="body"><span class="dropcap">T</span><p>urkey and Poland have been removed from the list of travel corridors, the transport secretary said on Thursday evening in a statement.</p>` +
				prose("quarantine") + prose("penalty") + `</div></article>`,
			[]string{"Turkey and Poland have been removed", "The penalty is described"}, []string{"T\nurkey"}},
		{"lines around an e-mail sign-up form",
			`<article><div class="body">` + prose("harbour") + prose("quay") + `<div class="cta"><h3>Want more stories like this?</h3><p>Every day we send an email with the top stories.</p><form><input type="email" placeholder="Your email"><button>Go</button></form></div>` + prose("ferry") + `</div></article>`,
			[]string{"The harbour is described", "The ferry is described"}, []string{"Want more stories", "Every day we send"}},
		{"a box headed by a call to subscribe, inside the story",
			`<article><div class="body">` + prose("harbour") + prose("quay") + `<div class="cta-box"><div class="cta-left"><h2>Subscribe to the Ledger</h2><p>Get the facts behind the news, plus analysis from every side.</p><a href="/s">Subscribe &amp; save</a></div>` +
				`<div class="cta-right"><h2>Sign up for our free newsletters</h2><p>From our morning briefing to the weekend read, the best of the Ledger.</p></div></div>` + prose("ferry") +
				`<div class="section"><h2>Subscribers pay more</h2><p>Ferry pass holders will pay ten dollars more a month from June.</p></div></div></article>`,
			[]string{"The harbour is described", "The ferry is described", "Ferry pass holders will pay"}, []string{"Get the facts behind", "From our morning briefing"}},
		{"a short story whose container holds a button calling to subscribe is no sign-up box",
			`<article><h1>Harbour reopens</h1><div class="body"><p>PORTLAND - The harbour reopened on Monday after a week of repairs to the old quay wall.</p>` +
				`<p>Fishermen say the catch was landed in the next town while the work went on, at a cost.</p><div class="share"><button>Subscribe to alerts</button></div></div></article>`,
			[]string{"The harbour reopened on Monday", "Fishermen say the catch"}, nil},
		{"a paywall's barrier after the story: a small box with a button calling to sign up",
			`<article><div class="body">` + prose("harbour") + prose("quay") + `<div class="layer"><div class="layer-inner"><div class="layer-text">` +
				`<p><strong><span class="big">Continue reading for free</span></strong></p><p><strong><span class="small">We hope you're enjoying the Ledger's reporting from the coast.</span></strong></p></div>` +
				`<div class="layer-buttons"><div><button>Sign up to continue reading</button></div><a href="/login">Already have an account? <strong>Sign in here</strong></a></div></div></div></div></article>`,
			[]string{"The harbour is described", "The quay is described"}, []string{"Continue reading for free", "We hope you're enjoying"}},
		{"a sentence with a long link",
			`<article><div class="body">` + prose("harbour") + `<p>The suspect was convicted and <a href="/news/sentencing">sentenced to life in federal prison</a> last Thursday.</p>` + prose("quay") +
				`<p><a href="/x">Follow us</a> on <a href="/fb">Facebook</a>, <a href="/tw">Twitter</a> and <a href="/ig">Instagram</a>.</p><p>Related: <a href="/y">Check out this story on the harbour's history</a>.</p></div></article>`,
			[]string{"The suspect was convicted and sentenced to life in federal prison last Thursday."}, []string{"Follow us", "Related:"}},
		{"a link classed like furniture in a paragraph set in bold",
			`<article><div class="body">` + prose("harbour") + `<p><strong>Police said the </strong><a class="related-link" href="/topics/harbour">harbour road</a><strong> will stay closed until Friday, when the divers finish.</strong></p>` + prose("quay") + `</div></article>`,
			[]string{"Police said the harbour road will stay closed"}, nil},
		{"a card popping up over a name",
			`<article><div class="body"><p>A man pleaded guilty to threatening Rep. <span class="people"><a href="/people/ann-lee">Ann Lee</a><span class="people-card"><span><img src="/ann.jpg" alt=""><a href="/people/ann-lee">Ann Lee</a><a href="/s/1">Progressives oppose the funding bill over surveillance</a> <a href="/s/2">Senators call for a new coordinator</a></span></span></span> (D-Minn.), prosecutors said on Monday.</p>` +
				prose("harbour") + prose("quay") + `</div></article>`,
			[]string{"threatening Rep. Ann Lee (D-Minn.), prosecutors said"}, []string{"Progressives oppose"}},
		{"a one-line dek is not the lead",
			`<article><header><h1>Harbour reopens</h1><h2 class="dek">A year of repairs ends with a new quay.</h2></header>` +
				`<div class="article-body">` + prose("harbour") + prose("quay") + prose("ferry") + `</div></article>`,
			[]string{"The harbour is described"}, []string{"A year of repairs"}},
		{"a photo caption between headline and text",
			`<article><header><h1>Harbour reopens</h1><div class="image-caption"><p>Boats in the harbour of the town, seen from the new quay on the morning it opened, with the ferry behind them.</p></div></header>` +
				`<div class="article-body">` + prose("harbour") + prose("quay") + prose("ferry") + `</div></article>`,
			[]string{"The harbour is described"}, []string{"Boats in the harbour"}},
		{"prose before the text with no headline above it",
			`<div class="wrap"><div class="box"><p>Our newsletter brings the week's stories from the coast to your inbox every Friday morning, with photos and tide tables.</p></div>` +
				`<div class="main"><div class="article-body">` + prose("harbour") + prose("quay") + prose("ferry") + `</div></div></div>`,
			[]string{"The harbour is described"}, []string{"Our newsletter"}},
		{"a cited address is text, a linked title is not",
			`<article>` + prose("source") + `<p><a href="https://example.org/report.pdf">https://example.org/report.pdf</a></p>` +
				`<p><a href="/more">Another story from this site</a></p>` + prose("method") + `</article>`,
			[]string{"https://example.org/report.pdf", "The method is described"}, []string{"Another story"}},
		{"a dateline written into the first sentence",
			`<article><p><span class="dateline">KOBE – </span>A total of 6,000 surgical masks have been lost at a hospital in Kobe, it was learned Tuesday.</p>` +
				prose("hospital") + prose("police") + `<p><span class="byline">By Ann Lee</span></p></article>`,
			[]string{"KOBE – A total of 6,000", "The police is described"}, []string{"By Ann Lee"}},
		{"text broken into lines with <br> beside a sidebar of paragraphs",
			`<div class="row"><div class="col-a"><div class="beschreibung">` +
				strings.Repeat("The vineyards of the valley are described here line by line, and the wines they give. The cellars are old.<br><br>", 12) +
				`</div></div><div class="col-b"><div class="box"><div class="box-inner">` +
				strings.Repeat("<p>Opening hours, prices, tastings, the shop, and delivery are listed in this box for visitors.</p>", 4) + `</div></div></div></div>`,
			[]string{"The vineyards of the valley"}, []string{"Opening hours"}},
		{"a promo inside the story does not end it",
			`<article>` + prose("siege") + `<h3>Don't miss</h3><p><a href="/a">Police fire tear gas at students in the city</a></p><p><a href="/b">Leader says talks will go on</a></p>` +
				`<p>Protesters believe the bill is an example of eroding autonomy.</p><p>They worry the freedoms given to the city are being taken back.</p>` + prose("talks") + `</article>`,
			[]string{"The siege is described", "They worry the freedoms", "The talks is described"}, []string{"Police fire tear gas"}},
		{"a linked headline every few paragraphs does not end the story",
			`<div class="article-text">` + prose("rescue") + `<h3><a href="/x">Man shot at gas station dies at hospital</a></h3><p>The suspect said he needed to get dressed.</p><p>Police used a ram to force open the door.</p>` +
				`<h3><a href="/y">Three hurt after wrong-way crash</a></h3><p>Officers arrested him in the hallway.</p><p>The girl was carried to safety.</p></div>`,
			[]string{"Police used a ram", "The girl was carried to safety."}, []string{"Man shot at gas station"}},
		{"a headline inside a post does not end it",
			`<div class="entry-content">` + prose("simulation") + `<h1>A quoted title in the middle of the post</h1>` + prose("warfare") + `</div>`,
			[]string{"The simulation is described", "The warfare is described"}, nil},
		{"furniture lines between paragraphs",
			`<article>` + prose("budget") + `<p>Story continues below advertisement</p><p>Listen to this article · 5:12 min</p><p>Gift this article</p>` + prose("vote") +
				`<p>Advertisement - story continues below</p><p>Join our breaking news service on WhatsApp</p><p>Get more of the Ledger in your inbox</p><p>Do you have a story tip? Email: tips@ledger.example.</p>` + prose("ferry") +
				`<div>Story Saved</div><div>You can find this story in My Bookmarks. Or by navigating to the user icon in the top right.</div><p>Do you have info to share with Ledger reporters? Here’s how.</p>` +
				`<p>This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.</p></article>`,
			[]string{"The budget is described", "The vote is described", "The ferry is described"}, []string{"Story continues", "Listen to this", "Gift this", "story continues below", "WhatsApp", "in your inbox", "story tip",
				"Story Saved", "My Bookmarks", "info to share", "reCAPTCHA"}},
		{"story lines that open like a call to join or a newsletter are kept",
			`<article>` + prose("budget") + `<p>Join the thousands who moved from WhatsApp to Signal this year.</p><p>Get this: scam emails land in your inbox daily.</p>` + prose("vote") + `</article>`,
			[]string{"Join the thousands who moved from WhatsApp", "scam emails land in your inbox daily"}, nil},
		{"app, account and subscription prompts",
			`<article>` + prose("budget") + `<p>Download the News app for breaking news and alerts</p><p>Already a subscriber? Sign in</p>` + prose("vote") +
				`<p>Create a free account to continue reading</p><p>Have a news tip? Email us at tips@example.com.</p></article>`,
			[]string{"The budget is described", "The vote is described"}, []string{"Download the", "Already a subscriber", "Create a free account", "Have a news tip"}},
		{"readers' comments end the story",
			`<div class="body-x">` + prose("harbour") + prose("ferry") + `<h3>12 Comments</h3>` +
				`<div class="c1"><p>I took that ferry every summer as a child. It was always late, but we loved it anyway.</p><p>Glad to hear it is coming back at last.</p></div></div>`,
			[]string{"The ferry is described"}, []string{"12 Comments", "I took that ferry"}},
		{"related stories, a link and a summary each, end the story",
			`<div class="body-x">` + prose("harbour") + prose("ferry") + `<h2>Recommended for you</h2>` +
				`<h3><a href="/p">Old pier to reopen</a></h3><p>The pier will reopen in June with new lights.</p><h3><a href="/l">Cottage sold at auction</a></h3><p>A couple bought the cottage for twice the asking price.</p></div>`,
			[]string{"The ferry is described"}, []string{"Recommended for you", "The pier will reopen", "A couple bought"}},
		{"a most-read box headed in Korean ends the story",
			`<div class="body-x">` + prose("harbour") + prose("ferry") + `<section class="box-x"><h3>많이 본 뉴스</h3><ol><li>항구 재개발 계획 발표</li><li>프로야구 개막전 매진</li></ol></section></div>`,
			[]string{"The ferry is described"}, []string{"많이 본", "항구 재개발"}},
		{"an access ranking headed in Japanese ends the story",
			`<div class="body-x">` + prose("harbour") + prose("ferry") + `<div class="box-x"><h3>アクセスランキング</h3><ol><li>新型スマホのうわさまとめ</li><li>円相場、一時143円台</li></ol></div></div>`,
			[]string{"The ferry is described"}, []string{"ランキング", "新型スマホ"}},
		{"paragraphs of the story classed by a paywall's meter stay; a byline classed like furniture goes",
			`<div id="story-body" class="story__body"><p class="byline">By Ann Lee, who has covered the harbour, the ferries and the town council for the Ledger since 2009.</p>` + prose("harbour") + prose("island") +
				`<div class="ad-unit"></div><h3>A family of ferrymen</h3><p class="paywall">The ferry was run by her grandfather, and later by her father, who kept the timetable, mended the nets and sold the tickets himself, year after year.</p>` +
				`<p class="lead-in paywall">When the service stopped last winter, the town lost its only link to the island, and the school, the doctor and the shop went with it.</p>` +
				`<img src="/quay.jpg"><p class="caption">The new quay, seen from the water on the morning the builders left, with the old pier and the lighthouse behind it.</p>` +
				`<img src="/pier.jpg"><p class="caption">The pier after the storm of last winter, when waves broke over the sea wall and flooded the harbour road for two days.</p>` +
				`<div class="newsletter"><h2>Sign up for the Ledger</h2><p>Our stories from the coast in your inbox.</p></div>` +
				`<p class="paywall">The council says the new quay will open in spring, and that the ferry will call twice a day, as it did before the storm damaged the pier.</p></div>`,
			[]string{"The harbour is described", "The ferry was run by her grandfather", "the town lost its only link", "will call twice a day"}, []string{"By Ann Lee", "Sign up", "The new quay, seen", "The pier after the storm"}},
		{"the story's first paragraph in a wrapper of its own, first in the container of the paragraphs after it",
			`<h1>Harbour reopens</h1><div class="strip">` + strings.Repeat(`<div class="card"><a href="/v">Watch: the ferries of the coast through the years, in pictures and film</a></div>`, 6) + `</div>` +
				`<div class="story-body"><div class="lede-wrap"><p><cite>PORTLAND (Ledger)</cite> The harbour reopened on Monday after a year of repairs, and the first ferry docked at noon with the mayor aboard.</p></div>` +
				`<div class="graf">Fishermen say the new quay is safer, and the town hopes the ferries that stopped calling will come back.</div>` +
				`<div class="graf">The work cost four million dollars, most of it from the state, and took a month longer than planned.</div>` +
				`<div class="rest">` + prose("harbour") + prose("quay") + prose("pier") + prose("tide") + prose("lighthouse") + `</div></div>`,
			[]string{"PORTLAND (Ledger) The harbour reopened on Monday", "Fishermen say the new quay", "The quay is described"}, []string{"Watch: the ferries"}},
		{"a story whose every paragraph and link has a class read as furniture is read whole",
			`<main><div><p class="tagStyle_k8mr7b"><strong>The first ten rounds of the </strong><a class="tagStyle_10eod42" href="/league"><strong>league</strong></a><strong> are played, and the table would look different without the referees' mistakes.</strong></p>` +
				strings.Repeat(`<p class="tagStyle_k8mr7b">Hardly a weekend goes by without a debate about the referee, and this one had several decisions that the panel later found to be wrong, as it said on Monday.</p>`, 3) + `</div></main>`,
			[]string{"The first ten rounds of the league are played"}, nil},
		{"a short Japanese story read from the page's body keeps its ticker and share bar out",
			`<div class="ticker">速報：港の拡張計画が承認 | フェリー運航再開へ | 灯台を一般公開</div>` +
				`<p>市は14日、3年間運休していたフェリーを来年春に再開すると発表した。北線、南線、島めぐり線の3路線で、1日8往復し、運賃は運休前と同じに据え置く。</p>` +
				`<p>北線は従来の航路を延長し、便数を増やした新しい航路となる。港湾局によると、混雑する時間帯の輸送力はバス路線に並び、片道の所要時間は最短で20分と従来の半分になる。</p>` +
				`<p>試験運航の最初の月では、北線の定時運航率は98.5%で、南線の97.9%とほぼ同じだった。利用者の満足度調査では91.2点を得た。</p>` +
				`<p>新しい船は地元の造船所が建造し、定員は300人で、自転車置き場を備える。船内では温かい飲み物や軽食も販売する予定だ。</p>` +
				`<p>市は第3の航路も検討しているとの報道があるが、港湾局はコメントしていない。</p>` +
				`<div class="sns">この記事をシェア：X Facebook LINE はてなブックマーク</div>`,
			[]string{"フェリーを来年春に再開", "港湾局はコメントしていない"}, []string{"速報", "シェア", "Facebook"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkMainText(t, tc.page, tc.want, tc.drop)
		})
	}
}

// checkMainText reads the main text of a page body and fails t unless it
// holds every want and none of drop.
func checkMainText(t *testing.T, page string, want, drop []string) {
	t.Helper()
	doc, err := Parse([]byte("<html><body>" + page + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	got := mainText(findBody(doc), textHints{lex: testExtractor.lex}, make(classes))
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("text lacks %q:\n%s", w, got)
		}
	}
	for _, d := range drop {
		if strings.Contains(got, d) {
			t.Errorf("text holds %q:\n%s", d, got)
		}
	}
}

func TestPricedLine(t *testing.T) {
	lex := mustLexicon()
	tests := []struct {
		text string
		want bool
	}{
		{"Echo Dot (2nd Generation) - White for $39.99 (list price $49.99)", true},
		{"Kinderbuch über Montessori, gebunden, 19,99 €", true},
		{"ワイヤレスイヤホン 防水 ブラック ¥3,980", true},
		{"Nồi chiên không dầu 5 lít giá 1.290.000đ", true},
		{"“Thumper” ($20)", true},
		{"Gadget startup raises $2 million to build a cheaper robot vacuum", false},
		{"Alibaba poised to launch record-breaking $13.4bn Hong Kong listing", false},
		{"8TB SSD briefly appears on Amazon for $900", false},
		{"Read more: Monday's best deals: $1.99 e-books and a $29.99 smart plug", false},
		{"Inflation slows as prices rise 3.2% in October", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b := block{text: tt.text, chars: len(strings.ReplaceAll(tt.text, " ", "")), links: len(tt.text)}
			if got := pricedLine(b, lex); got != tt.want {
				t.Errorf("pricedLine(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestNameLink(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"ltxv-13b-0.9.8-distilled", true},
		{" Foo-7B-Instruct ", true},
		{"v2.1", true},
		{"ComfyUI", false},
		{"2025-07-16", false},
		{"World news", false},
		{"https://hub.example/foo-7b", false},
		{"ann@example.com", false},
	} {
		if got := nameLink(tc.text); got != tc.want {
			t.Errorf("nameLink(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

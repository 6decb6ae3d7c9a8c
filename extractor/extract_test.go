package extractor

import (
	"bytes"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"github.com/modelwire/modelwire/event"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestMachineDateZone checks that machine dates keep their zone, near
// misses too: a time read without its "Z" is a local clock time, and
// would not be moved into the publisher's zone.
func TestMachineDateZone(t *testing.T) {
	for _, in := range []string{"2020-12-05T23:15:00Z", "2020-12-05T23:15:0Z", "2020-12-05 23:15:00 UTC"} {
		got, ok := parseMachineDate(in)
		if !ok || got.Location() != time.UTC || !got.Equal(time.Date(2020, 12, 5, 23, 15, 0, 0, time.UTC)) {
			t.Errorf("parseMachineDate(%q) = %v (%v), %v; want 2020-12-05 23:15 UTC", in, got, got.Location(), ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	plus2 := time.FixedZone("", 2*3600)
	tests := []struct {
		name     string
		in       string
		dayFirst bool
		want     time.Time
	}{
		{"rfc3339 with offset", "2025-06-30T08:15:00+02:00", true, time.Date(2025, 6, 30, 8, 15, 0, 0, plus2)},
		{"offset without colon", "2025-06-30T08:15:00+0200", true, time.Date(2025, 6, 30, 8, 15, 0, 0, plus2)},
		{"utc fraction", "2019-11-19T04:15:38.123Z", true, time.Date(2019, 11, 19, 4, 15, 38, 0, time.UTC)},
		{"date only", "2020-01-27", true, time.Date(2020, 1, 27, 0, 0, 0, 0, time.UTC)},
		{"space separated", "2020-01-27 10:11:12", true, time.Date(2020, 1, 27, 10, 11, 12, 0, time.UTC)},
		{"compact", "20191119", true, time.Date(2019, 11, 19, 0, 0, 0, 0, time.UTC)},
		{"rfc1123", "Tue, 19 Nov 2019 10:00:00 +0000", true, time.Date(2019, 11, 19, 10, 0, 0, 0, time.UTC)},
		{"chinese", "发布时间：2025年06月30日 14:05", true, time.Date(2025, 6, 30, 14, 5, 0, 0, time.UTC)},
		{"korean", "입력 2025년 6월 3일", true, time.Date(2025, 6, 3, 0, 0, 0, 0, time.UTC)},
		{"dotted ymd", "2025.08.21", true, time.Date(2025, 8, 21, 0, 0, 0, 0, time.UTC)},
		{"slash dmy", "Cập nhật 29/5/2025", true, time.Date(2025, 5, 29, 0, 0, 0, 0, time.UTC)},
		{"vietnamese long form", "Đà Nẵng, ngày 1 tháng 12 năm 2026", true, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"arabic month name", "الأربعاء، 07 أكتوبر 2020 - 12:09 م", true, time.Date(2020, 10, 7, 12, 9, 0, 0, time.UTC)},
		{"arabic month name, levant", "نشر في 14 تموز 2023", true, time.Date(2023, 7, 14, 0, 0, 0, 0, time.UTC)},
		{"arabic month by both its names", "نشر في الخميس 14 تموز / يوليو 2023", true, time.Date(2023, 7, 14, 0, 0, 0, 0, time.UTC)},
		{"arabic levant month of two words", "نشر في 3 تشرين الثاني 2022", true, time.Date(2022, 11, 3, 0, 0, 0, 0, time.UTC)},
		{"arabic levant month of two words by both its names", "3 تشرين الأول / أكتوبر 2022", true, time.Date(2022, 10, 3, 0, 0, 0, 0, time.UTC)},
		{"slash mdy american", "11/05/2019", false, time.Date(2019, 11, 5, 0, 0, 0, 0, time.UTC)},
		{"slash unambiguous day", "29/05/2019", false, time.Date(2019, 5, 29, 0, 0, 0, 0, time.UTC)},
		{"german dotted", "Datum: 18.10.2021", true, time.Date(2021, 10, 18, 0, 0, 0, 0, time.UTC)},
		{"german month", "Pressemitteilung vom 25. Januar 2022 | Berlin", true, time.Date(2022, 1, 25, 0, 0, 0, 0, time.UTC)},
		{"english month first", "Published November 18, 2019 at 3:30 pm", false, time.Date(2019, 11, 18, 15, 30, 0, 0, time.UTC)},
		{"english month, comma, ordinal day", "July, 16th, 2025: New models", false, time.Date(2025, 7, 16, 0, 0, 0, 0, time.UTC)},
		{"spanish", "3 de mayo de 2022", true, time.Date(2022, 5, 3, 0, 0, 0, 0, time.UTC)},
		{"french", "le 23 mai 2019", true, time.Date(2019, 5, 23, 0, 0, 0, 0, time.UTC)},
		{"german two-digit year", "Von: Björn Jahner | 31.10.23", true, time.Date(2023, 10, 31, 0, 0, 0, 0, time.UTC)},
		{"short day and month", "Kultur, 2.11.22", true, time.Date(2022, 11, 2, 0, 0, 0, 0, time.UTC)},
		{"iso with odd fraction", "2022-01-10T22:06:08:684Z", true, time.Date(2022, 1, 10, 22, 6, 8, 0, time.UTC)},
		{"time after at", "March 14, 2023 at 10:30 PM EDT", false, time.Date(2023, 3, 14, 22, 30, 0, 0, time.UTC)},
		{"time after a pipe", "January 5, 2023 | 10:30 AM", false, time.Date(2023, 1, 5, 10, 30, 0, 0, time.UTC)},
		{"time after um", "am 3. Februar 2022 um 21:17", true, time.Date(2022, 2, 3, 21, 17, 0, 0, time.UTC)},
		{"no time from the next date line", "March 14, 2023 | Updated 1:05 a.m. March 15, 2023", false, time.Date(2023, 3, 14, 0, 0, 0, 0, time.UTC)},
		{"time before the date", "Published 6:30 PM EDT, Tue March 14, 2023", false, time.Date(2023, 3, 14, 18, 30, 0, 0, time.UTC)},
		{"time before the date, american style", "Published 10:30 p.m. ET March 14, 2023", false, time.Date(2023, 3, 14, 22, 30, 0, 0, time.UTC)},
		{"a machine timestamp's offset before the date is no time", "10:52+01:00 25. Dezember 2022", true, time.Date(2022, 12, 25, 0, 0, 0, 0, time.UTC)},
		{"number before the date is no time", "Chapter 12: March 14, 2023", false, time.Date(2023, 3, 14, 0, 0, 0, 0, time.UTC)},
		{"parts parted by bars", "26 | 01 | 2022", true, time.Date(2022, 1, 26, 0, 0, 0, 0, time.UTC)},
		{"two-digit year after slashes, american", "Published 3/6/23", false, time.Date(2023, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"two-digit year after slashes, british", "Published 06/03/23", true, time.Date(2023, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"two-digit year after an apostrophe", "Mar 6, '23", false, time.Date(2023, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"day first, two-digit year after an apostrophe", "6th March ’23", true, time.Date(2023, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"dotted time with its zone", "Mon 6 Mar 2023 00.30 GMT", true, time.Date(2023, 3, 6, 0, 30, 0, 0, time.UTC)},
		{"dotted time with pm", "6 March 2023 9.15pm", true, time.Date(2023, 3, 6, 21, 15, 0, 0, time.UTC)},
		{"a decimal after a date is no time", "6 March 2023 10.50 million", true, time.Date(2023, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"a range of days is dated by its start", "Wochenbericht 14. - 20. Januar 2022", true, time.Date(2022, 1, 14, 0, 0, 0, 0, time.UTC)},
		{"a range of days with an en dash", "Festival, 14–20 January 2023", true, time.Date(2023, 1, 14, 0, 0, 0, 0, time.UTC)},
		{"a range of days, month first", "Held January 14-20, 2023", false, time.Date(2023, 1, 14, 0, 0, 0, 0, time.UTC)},
		{"a range across months starts with its first date", "31. Dezember 2021-06. Januar 2022", true, time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)},
		{"a score before a date is no range", "won 3-1 on 4 March 2023", true, time.Date(2023, 3, 4, 0, 0, 0, 0, time.UTC)},
		{"unix seconds", "1681245000", true, time.Date(2023, 4, 11, 20, 30, 0, 0, time.UTC)},
		{"unix milliseconds", "1681245000000", true, time.Date(2023, 4, 11, 20, 30, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseDate(tc.in, tc.dayFirst)
			if !ok {
				t.Fatalf("parseDate(%q) found no date", tc.in)
			}
			if !got.Equal(tc.want) || got.Format(time.RFC3339) != tc.want.Format(time.RFC3339) {
				t.Errorf("parseDate(%q) = %s, want %s", tc.in, got.Format(time.RFC3339), tc.want.Format(time.RFC3339))
			}
		})
	}
	for _, bad := range []string{"", "no date here", "31.06.2021", "2021-13-01", "1850-01-01", "version 1.2.3", "192.168.10.12", "v3.10.12.4", "/img/3/6/23/x.jpg", "open 24/7/365", "6 May 23 people"} {
		t.Run("rejects "+bad, func(t *testing.T) {
			if got, ok := parseDate(bad, true); ok {
				t.Errorf("parseDate(%q) = %s, want none", bad, got)
			}
		})
	}
}

func TestPageDates(t *testing.T) {
	const para = "<p>Words of an ordinary sentence, long enough to be taken as the text of an article.</p>"
	tests := []struct {
		name, page, url, want string
	}{
		{"meta before json-ld",
			`<meta property="article:published_time" content="2022-12-15T09:13:00"><script type="application/ld+json">{"@type":"Article","datePublished":"2021-12-06 14:36"}</script>` + para,
			"", "2022-12-15"},
		{"json-ld in a commented CDATA section",
			`<script type="application/ld+json">//<![CDATA[
{"@type":"NewsArticle","datePublished":"2023-02-07T08:00:00Z"}
//]]></script>` + para,
			"", "2023-02-07"},
		{"json-ld of any type",
			`<script type="application/ld+json">{"@type":"HowTo","datePublished":"2022-01-10T22:06:08Z"}</script>` + para,
			"", "2022-01-10"},
		{"meta names of other publishing systems",
			`<meta name="article_date_original" content="Tuesday, March 14, 2023 6:30 PM"><meta name="date" content="2023-06-01">` + para,
			"", "2023-03-14"},
		{"publication meta names of yet other systems, before a generic date",
			`<meta name="pub_date" content="2023-11-08"><meta name="date" content="2023-11-10">` + para,
			"", "2023-11-08"},
		{"an update meta name, the page's only date",
			`<meta property="article:modified_date" content="2023-11-09T10:00:00Z">` + para,
			"", "2023-11-09"},
		{"rnews meta",
			`<meta property="rnews:datePublished" content="2023-03-14T18:30:00-04:00">` + para,
			"", "2023-03-14"},
		{"a meta date no parser reads passed over for the next",
			`<meta property="article:published_time" content="%%PUBLISHED_TIME%%"><meta name="parsely-pub-date" content="2023-04-11T16:30:00-04:00">` + para,
			"", "2023-04-11"},
		{"a precise time days from the trusted bare date is another thing's",
			`<meta property="article:published_time" content="2023-04-11"><script type="application/ld+json">[{"@type":"NewsArticle","headline":"Ferry fares frozen"},{"@type":"ImageObject","datePublished":"2021-02-03T10:00:00Z"}]</script>` + para,
			"", "2023-04-11"},
		{"a time of day beats a bare date",
			`<meta itemprop="datePublished" content="2019-10-18"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-10-19T03:00:00Z"}</script>` + para,
			"", "2019-10-19"},
		{"abbr title",
			`<h2>Samstag</h2><abbr class="published" itemprop="datePublished" title="2017-09-09T10:52:00+02:00">10:52</abbr>` + para + `<p>Erscheinungsdatum: 14.08.2017</p>`,
			"", "2017-09-09"},
		{"british english reads day first",
			`<html lang="en-GB"><body><h1>Halls too full</h1><span class="time">02/10/2020</span>` + para,
			"https://www.msn.com/en-gb/news/x", "2020-10-02"},
		{"label in its own element",
			`<h1>Heliumkerne</h1>` + para + `<p><b>Aktualisiert am </b>17.01.2021.</p>`,
			"", "2021-01-17"},
		{"label in a term, date in its description",
			`<h1>Neue Präsidentin gewählt</h1>` + para + `<dl><dt>Zuletzt geändert am:</dt><dd>15.10.2021</dd><dt>Erschienen am:</dt><dd>13.10.2021</dd></dl>`,
			"", "2021-10-13"},
		{"a date after an update label near the headline passed over",
			`<h1>Storm hits the coast</h1><p class="meta">Updated: May 20, 2023</p><p class="byline">By Jane Doe, May 17, 2023</p>` + para,
			"https://example.com/x", "2023-05-17"},
		{"a date line of the related stories is not the article's",
			`<div class="related-posts"><p class="date">05.05.2021</p><a href="/other">Another story</a></div>` + para + `<p class="post-date">01.02.2021</p>`,
			"", "2021-02-01"},
		{"a word holding a label is no label",
			`<h1>Teil 49</h1><p>Dienstag, 2. November 2021</p>` + para + `<p>Online-Publikation, abgerufen am 29.09.2021</p>`,
			"", "2021-11-02"},
		{"a CJK verb ending a dated news line labels no date in the next line",
			`<h1>Minamo-2</h1>` + para + `<h2>ニュース</h2><ul><li>[2026/11/30] Minamo-2-7B の重みを公開しました</li><li>[2026/06/12] Minamo-1 のデモを公開しました</li></ul>`,
			"", "2026-11-30"},
		{"a verb after its object labels no date, in Korean",
			`<h1>모델 소식</h1>` + para + `<ul><li>2026.11.26: 새 모델을 등록</li><li>2026.07.15: 이전 모델을 등록</li></ul>`,
			"", "2026-11-26"},
		{"a changelog heading is no update label",
			`<h1>PLaMo 3.1</h1>` + para + `<h2>更新情報</h2><ul><li>2026/11/10：PLaMo 3.1 を公開しました。</li><li>2026/05/20：PLaMo 3 を公開。</li></ul>`,
			"", "2026-11-10"},
		{"an update label before a date still passes it over",
			`<h1>PLaMo 3.1</h1><p>更新：2026/12/01</p><p>公開日：2026/11/10</p>` + para,
			"", "2026-11-10"},
		{"a label word in a link to another story labels no date beside the link",
			`<h1>新模型开源</h1><p class="post-date">2026.12.06 · 团队</p>` + para + `<aside><ul><li><a href="#">Foo-3 发布：更强的推理</a> 2026.09.18</li></ul></aside>`,
			"", "2026-12-06"},
		{"a CJK label before its date still dates the page",
			`<h1>新模型</h1><ul><li>作者：李明</li><li>发布时间：2026-11-28</li></ul>` + para + `<ul><li>2026-11-30 发布了新版本</li></ul>`,
			"", "2026-11-28"},
		{"date inside the headline",
			`<h1><span class="date">27.01.2022</span>MineralölINFO November 2021</h1><p>Mittelstand (bis 31.12.2020)</p>` + para,
			"", "2022-01-27"},
		{"nearest date to the headline",
			`<div class="topline"><span>06.12.2022</span></div><h1>Windpark</h1><p>Die Zeichnungsfrist läuft vom 9.1. -10.2.2023 und bietet Bürgern die Gelegenheit, Teil der Energiewende zu werden.</p>` + para,
			"", "2022-12-06"},
		{"utc moved into the zone of another date",
			`<meta property="article:published_time" content="2022-05-04T03:37:37+00:00"><time class="updated" datetime="2022-05-03T23:37:37-04:00"></time>` + para,
			"", "2022-05-03"},
		{"utc moved onto the day of the url",
			`<meta property="article:published_time" content="2020-02-25T02:25:54+00:00">` + para,
			"https://pagesix.com/2020/02/24/story/", "2020-02-24"},
		{"utc moved onto the printed day",
			`<meta property="article:published_time" content="2021-11-04T23:00Z"><h1>Kommunalwahlen</h1><p>5. November 2021</p>` + para,
			"", "2021-11-05"},
		{"utc moved into the zone of the printed clock time of the same minute",
			`<body class="logged-out subType-unsubscribed"><meta property="article:published_time" content="2019-11-19T00:04:00.000Z"><h1>Is Football Violence a Crime?</h1><div class="byline"><time class="timestamp">Nov. 18, 2019 7:04 pm ET</time></div>` + para,
			"https://www.wsj.com/articles/x", "2019-11-18"},
		{"utc moved into the zone of the clock time a <time> prints",
			`<meta property="article:published_time" content="2023-08-24T01:05:00Z"><h1>Chipmaker's profit beats forecasts</h1>` + strings.Repeat(para, 8) +
				`<div><time datetime="2023-08-24T01:05:00Z">August 23, 2023 9:05 PM EDT</time></div>`,
			"https://example.com/technology/chips/", "2023-08-23"},
		{"utc far from the url day kept",
			`<meta property="article:published_time" content="2020-03-25T02:25:54Z">` + para,
			"https://example.com/2020/02/24/story/", "2020-03-25"},
		{"a clock time without zone kept",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-10T23:35:55"}</script>` + para,
			"https://example.com/2022/05/11/x", "2022-05-10"},
		{"script data when nothing else",
			`<script>var meta = {"product":{"title":"Sidamo","published_at":"2019-03-02T06:22:28+01:00"}};</script>` + para,
			"", "2019-03-02"},
		{"the date the title prints apart from the headline",
			`<title>23.01.2022 - Council passes budget</title><h1>Council passes budget</h1>` + para,
			"", "2022-01-23"},
		{"a range of days the title's separator parts is dated by its start",
			`<title>Weekly report 14 - 20 January 2022 - Avalanche Service</title><h1>Avalanche Service</h1>` + para,
			"", "2022-01-14"},
		{"a date badge with its parts in elements of their own",
			`<h2>Council passes budget</h2><div class="post-date"><span class="month">Feb</span> <span class="day">18</span><span class="year">2009</span></div>` + para,
			"", "2009-02-18"},
		{"today's date printed by the page is not the story's",
			`<h2>Forum rules</h2>` + para + `<div class="current-time">Current date and time: 11/02/20, 07:22 pm</div><p class="post-date">05.05.2019</p>`,
			"", "2019-05-05"},
		{"a page that prints no date dated by its description",
			`<title>Bear cubs: a record year | National Park</title><meta name="description" content="Bear cubs: a record year (news of 14 January 2020)"><h1>Bear cubs: a record year</h1>` + para,
			"", "2020-01-14"},
		{"a UTC time of an American page is dated by New York's calendar",
			`<html lang="en-US"><meta property="article:published_time" content="2023-05-02T02:54:29Z">` + para,
			"https://eyewitness.example/traffic/station-closes-overnight/6144149/", "2023-05-01"},
		{"in winter too, an hour later",
			`<html lang="en-US"><meta property="article:published_time" content="2023-01-10T04:30:00Z">` + para,
			"https://eyewitness.example/weather/first-snow/6144150/", "2023-01-09"},
		{"a British page's UTC time in summer is an hour later",
			`<html lang="en-GB"><meta property="article:published_time" content="2023-07-14T23:20:00Z">` + para,
			"https://eveningpost.example/news/late-vote-in-council", "2023-07-15"},
		{"a bare date written as UTC midnight stays",
			`<html lang="en-US"><meta property="article:published_time" content="2023-05-02T00:00:00Z">` + para,
			"https://eyewitness.example/traffic/bridge-reopens/6144151/", "2023-05-02"},
		{"a page with no region stays in UTC",
			`<html lang="en"><meta property="article:published_time" content="2023-05-02T02:54:29Z">` + para,
			"https://wire.example/story/6144152/", "2023-05-02"},
		{"a job title with a sign-up word is no profile label",
			`<h1>Council approves budget</h1><div class="meta">By Jane Doe, Registered Dietitian · May 5, 2024</div>` + para,
			"", "2024-05-05"},
		{"a committee member is no member since",
			`<html lang="it"><h1>Bilancio approvato</h1><div class="meta">di Mario Rossi, membro del comitato · 5 maggio 2024</div>` + para,
			"", "2024-05-05"},
		{"a certified accountant is no registration",
			`<html lang="zh"><h1>议会通过预算</h1><div class="meta">作者：张三，注册会计师 2024年5月5日</div>` + para,
			"", "2024-05-05"},
		{"a profile's sign-up day after a colon is no post's date",
			`<h1>Which tent?</h1><div class="poster">ridgewalker<br>Member since: Mar 3, 2017</div><p class="post-date">May 5, 2024</p>` + para,
			"", "2024-05-05"},
		{"a Chinese profile's registration day is no post's date",
			`<html lang="zh"><h1>哪款帐篷好？</h1><div class="poster">山行者 注册于 2017年3月3日</div><p class="post-date">2024年5月5日</p>` + para,
			"", "2024-05-05"},
		{"an embedded player's upload dates no story that has a date in its script data",
			`<title>Council approves budget</title><script type="application/ld+json">{"@type":"VideoObject","name":"Archive: the bridge in 2019","uploadDate":"2019-03-14T15:00:00-04:00"}</script><h1>Council approves budget</h1>` + para + `<script type="application/json">{"publishedAt":"2024-05-05T10:00:00Z"}</script>`,
			"", "2024-05-05"},
		{"a video page of og:type video is dated by its upload",
			`<meta property="og:type" content="video.other"><script type="application/ld+json">{"@type":"VideoObject","name":"Bridge span lifted","uploadDate":"2023-03-14T15:00:00-04:00"}</script><h1>Watch it</h1>` + para + `<script type="application/json">{"publishedAt":"2024-05-05T10:00:00Z"}</script>`,
			"", "2023-03-14"},
		{"day-month-year in the url",
			para, "https://weisser-ring.de/media-news/meldungen/29-10-2021", "2021-10-29"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, _, err := testExtractor.ExtractArticle([]byte(tc.page), tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := a.PublishedAt.Format("2006-01-02"); got != tc.want {
				t.Errorf("published %s, want %s", got, tc.want)
			}
		})
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"https://www.nytimes.com/2019/11/19/opinion/x.html", "2019-11-19"},
		{"https://example.com/news/2025-08-21-launch", "2025-08-21"},
		{"https://example.com/a/20191119/b.html", "2019-11-19"},
		{"https://example.com/product/12345678", ""},
		{"https://example.com/2019/11/", ""},
		{"https://example.com/meldungen/29-10-2021", "2021-10-29"},
		{"https://example.com/item/12-34-2021", ""},
		{"https://www.theguardian.com/uk-news/2023/jun/14/storm-closes-ports", "2023-06-14"},
		{"https://example.com/archive/2023/Sept/5/", "2023-09-05"},
		{"https://example.com/2023/news/14/x", ""},
		{"https://www.monitor.example/World/2023/0314/ferry-vote", "2023-03-14"},
		{"https://example.com/2023/1234/x", ""},
		{"https://example.com/2023-0314/x", ""},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			got, ok := urlDate(mustURL(t, tc.url))
			if s := got.Format("2006-01-02"); ok != (tc.want != "") || ok && s != tc.want {
				t.Errorf("urlDate(%s) = %s, %v; want %q", tc.url, s, ok, tc.want)
			}
		})
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct {
		name, title, site, url, want string
	}{
		{"suffix by site name, then the section", "NASA’s commercial moon shot | News | Al Jazeera", "Al Jazeera", "https://www.aljazeera.com/x", "NASA’s commercial moon shot"},
		{"suffix by host", "Qwen3 released - Example News", "", "https://examplenews.com/a", "Qwen3 released"},
		{"prefix by site", "Heise Online: KI-Modell vorgestellt", "heise online", "https://www.heise.de/x", "Heise Online: KI-Modell vorgestellt"},
		{"prefix with pipe", "Golem.de | Neues Modell", "Golem.de", "https://www.golem.de/x", "Neues Modell"},
		{"no separator", "A plain headline", "Site", "https://site.example/", "A plain headline"},
		{"a section of the site after a dash", "Fed holds rates steady - CNN Business", "CNN", "https://edition.cnn.com/2023/x", "Fed holds rates steady"},
		{"the host's short label", "Storm closes schools – BBC News", "", "https://www.bbc.co.uk/news/x", "Storm closes schools"},
		{"the host's label inside the name", "Storm closes ports along the coast - The Boston Globe", "", "https://www.bostonglobe.com/2023/03/14/metro/storm/", "Storm closes ports along the coast"},
		{"the host's label abbreviating the name's first words", "Storm closes ports along the coast - Los Angeles Times", "", "https://www.latimes.com/california/story/2023-03-14/storm", "Storm closes ports along the coast"},
		{"the host's label abbreviating the name after The", "Storm closes ports along the coast - The New York Times", "", "https://www.nytimes.com/2023/03/14/us/storm.html", "Storm closes ports along the coast"},
		{"the host's label of initials alone", "Storm closes ports along the coast | The Atlanta Journal-Constitution", "", "https://www.ajc.com/news/storm/", "Storm closes ports along the coast"},
		{"initials of a headline's words are no site name", "Storm closes ports - Los Angeles Times", "", "https://www.latimesharbor.example/x", "Storm closes ports - Los Angeles Times"},
		{"a section before the headline, the site's name after a dash", "Opinion | Storm closes ports along the coast - WSJ", "", "https://www.wsj.com/articles/storm-closes-ports-11678", "Storm closes ports along the coast"},
		{"a section before the headline, the site's label after a dash", "Analysis | Storm closes ports - The Harbor Times", "", "https://www.harbortimes.com/x", "Storm closes ports"},
		{"a section before the headline, the headline's own dash kept", "Review | GPT-5 beats o3 - on some tests", "", "https://www.example.com/x", "GPT-5 beats o3 - on some tests"},
		{"a spaced colon before the site's name", "Storm closes ports along the coast : NPR", "", "https://www.npr.org/2023/03/14/1/storm", "Storm closes ports along the coast"},
		{"a spaced colon inside a French headline kept", "Covid : le gouvernement annonce un plan", "Le Monde", "https://www.lemonde.fr/x", "Covid : le gouvernement annonce un plan"},
		{"a site name of five words holding the address's label", "Athletes in form for the games - European Championships Munich 2022", "", "https://www.munich2022.com/x", "Athletes in form for the games"},
		{"a five-word part holding a short label is the headline's", "Storm hits the coast - Five points on the paris deal", "", "https://www.paris.fr/x", "Storm hits the coast - Five points on the paris deal"},
		{"dash inside headline kept", "GPT-5 beats o3 - on some tests", "The Verge", "https://www.theverge.com/x", "GPT-5 beats o3 - on some tests"},
		{"a date after the headline", "Council passes budget - January 23, 2022", "", "https://example.com/x", "Council passes budget"},
		{"a date before the headline", "23.01.2022 – Council passes budget", "", "https://example.com/x", "Council passes budget"},
		{"a number after the headline is no date", "Top movies - 2022", "", "https://example.com/x", "Top movies - 2022"},
		{"a section between the headline and the site", "Fed holds rates steady - Business - The Independent", "", "https://www.independent.co.uk/x", "Fed holds rates steady"},
		{"the site before the headline, sections after it", "Fan Club Riverside - Club signs two young players - Club Press - News", "", "https://fanclub-riverside.example/504", "Club signs two young players"},
		{"a headline's own dash before the site kept", "GPT-5 beats o3 - on some tests - The Verge", "", "https://www.theverge.com/x", "GPT-5 beats o3 - on some tests"},
		{"a section between the site and the headline", "Harbour Times - Business - Ferry operator raises its fares for the winter", "Harbour Times", "https://harbourtimes.example/x", "Ferry operator raises its fares for the winter"},
		{"the site named before the headline and again in it", "Peakbook.ch - Outdoornews - Snow maps on Peakbook.ch", "peakbook.ch", "https://www.peakbook.ch/outdoornews/detail/id/718", "Snow maps on Peakbook.ch"},
		{"a Chinese site's name after an unspaced dash", "武汉的声音：有英勇的你，才有英雄的城！-新华网", "", "http://www.xinhuanet.com/local/2020-02/19/c_1.htm", "武汉的声音：有英勇的你，才有英雄的城！"},
		{"after an underscore", "深度求索发布新一代推理模型_新浪科技", "", "https://tech.sina.com.cn/x", "深度求索发布新一代推理模型"},
		{"a model name's dash kept", "智谱发布GLM-4", "", "https://www.example.cn/x", "智谱发布GLM-4"},
		{"a Chinese tail with a digit kept", "阿里巴巴开源通义千问-第3代", "", "https://www.example.cn/x", "阿里巴巴开源通义千问-第3代"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := newSite(tc.site, nil, mustURL(t, tc.url)).strip(tc.title); got != tc.want {
				t.Errorf("strip(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name, page, url, want string
	}{
		{"blog post under the site-name h1",
			`<title>Nebelsuppe. | Das Leben und ich</title><meta property="og:site_name" content="Das Leben und ich"><h1>Das Leben und ich</h1><h1>Nebelsuppe.</h1>`,
			"https://creeny.wordpress.com/2020/01/24/x/", "Nebelsuppe."},
		{"lone h1 over a generic document title",
			`<title>Home</title><h1>Time to say goodbye.</h1>`,
			"https://prof-pc.de/", "Time to say goodbye."},
		{"kicker printed in the h1",
			`<meta property="og:title" content="Große Aufgaben für die neue Regierung"><h1><span>Tunesien</span> Große Aufgaben für die neue Regierung</h1>`,
			"https://www.hss.de/x", "Große Aufgaben für die neue Regierung"},
		{"visible headline over a different og:title",
			`<meta property="og:title" content="Brexit: Nervenkrieg geht in nächste Runde"><h1>Der Nervenkrieg um den Brexit geht in die nächste Runde</h1>`,
			"https://example.de/x", "Der Nervenkrieg um den Brexit geht in die nächste Runde"},
		{"one-word h1 is a section",
			`<meta property="og:title" content="Militares enviaram 88 questões ao TSE"><h1>Brasília</h1>`,
			"https://www.brasil247.com/x", "Militares enviaram 88 questões ao TSE"},
		{"h1 equal to og:title that starts with the site name",
			`<meta property="og:site_name" content="Welpen"><meta property="og:title" content="Welpen kaufen – Tipps zu jeder Hunderasse"><h1>Welpen kaufen – Tipps zu jeder Hunderasse</h1>`,
			"https://www.welpenkaufen24.de/", "Welpen kaufen – Tipps zu jeder Hunderasse"},
		{"slash inside the headline",
			`<title>Können Fische Schmerzen spüren / empfinden?</title><h1>Können Fische Schmerzen spüren / empfinden?</h1><h1>Mehr</h1>`,
			"https://angelmagazin.de/fische-schmerzen/", "Können Fische Schmerzen spüren / empfinden?"},
		{"subtitle after the og:title in the h1 kept",
			`<meta property="og:title" content="Saftiger Zitronenkuchen vom Blech"><h1>Saftiger Zitronenkuchen vom Blech: einfach köstlich!</h1>`,
			"https://example.de/x", "Saftiger Zitronenkuchen vom Blech: einfach köstlich!"},
		{"small, date and hidden parts of the h1 left out",
			`<meta property="og:title" content="Other"><h1><span class="highlight">Dezuka Suisan: Fish Cakes</span><small>Welcome to the Flavor Capital</small><span class="element-invisible"> | FASSETTE.NET</span><span class="date">02.02.2022</span></h1>`,
			"https://example.com/x", "Dezuka Suisan: Fish Cakes"},
		{"h1 named as the site by the document title",
			`<title>Was ist Virales Marketing? | DimidoBlog</title><h1>DimidoBlog</h1>`,
			"https://web.archive.org/web/2016/http://dimido.de/x", "Was ist Virales Marketing?"},
		{"kicker classed in the h1 left out, with its hidden separator",
			`<meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird"><h1><span class="article-heading__kicker">Klimaschutz</span><span class="visually-hidden">: </span><span class="article-heading__title">Bohren, bis es heiß wird</span></h1>`,
			"https://example.de/x", "Bohren, bis es heiß wird"},
		{"story h2 with kicker and headline parts over an h1 the og:title only holds",
			`<meta property="og:title" content="Harbor towns: Ferries keep running through the winter"><title>Harbor towns - Ferries keep running | Coast Weekly</title><h1>Harbor towns - Ferries keep running</h1><article><h2><span class="story-subline">Harbor towns</span> <span class="story-headline">Ferries keep running through the winter</span></h2><p>Text.</p></article>`,
			"https://coastweekly.example/x", "Ferries keep running through the winter"},
		{"story h2 with kicker and headline parts over an unnamed h1",
			`<meta property="og:title" content="Border closures: Old grudges return on both banks"><h1>Report from the border</h1><h2><span class="head-overline">Border closures</span> <span class="head-title">Old grudges return on both banks</span></h2>`,
			"https://example.com/x", "Old grudges return on both banks"},
		{"roofline before plain headline text",
			`<meta property="og:title" content="Adblue nachfüllen | autozeitung.de"><h1><span class="article-header__roofline">Adblue nachfüllen</span> So wird Adblue richtig angewendet</h1>`,
			"https://example.de/x", "So wird Adblue richtig angewendet"},
		{"label before a forum thread's title",
			`<h1><a href="/threads/1"><span class="label label--blue">Patch Notes</span>Patchnotes 4.47.4</a></h1>`,
			"https://forum.example.com/threads/1", "Patchnotes 4.47.4"},
		{"part classed headline beside a shorter unclassed kicker",
			`<h1><span class="text-green">Strompreisbremse</span><span class="headline">Bundesregierung drosselt Bioenergie</span></h1>`,
			"https://example.eu/x", "Bundesregierung drosselt Bioenergie"},
		{"part classed title shorter than the rest is not the headline",
			`<h1><span class="pf-title">Krach vor der Betriebsversammlung:</span><br><span class="blue">Es knirscht zwischen Vorstand und Aufsichtsräten</span></h1>`,
			"https://example.de/x", "Krach vor der Betriebsversammlung: Es knirscht zwischen Vorstand und Aufsichtsräten"},
		{"logo h1 linking home names the site in the title",
			`<title>Muffin Grundrezept : Muffin Rezepte</title><h1 class="logo"><a href="https://web.archive.org/web/2016/http://muffinrezept.net/">Muffin Rezepte</a></h1>`,
			"https://web.archive.org/web/2016/http://muffinrezept.net/grundrezept", "Muffin Grundrezept"},
		{"site-title h1 before the post's h1",
			`<title>Kleine Schafskunde | Mäscot das Schaf – Webcomic</title><h1 id="site-title"><span><a href="http://www.maescot.de/">Mäscot das Schaf – Webcomic</a></span></h1><h1 class="entry-title">Kleine Schafskunde</h1>`,
			"http://www.maescot.de/kleine-schafskunde", "Kleine Schafskunde"},
		{"h1 for screen readers names the site",
			`<title>Zoll online - Fachmeldungen - Verkündung des Tabaksteuergesetzes</title><h1 class="aural">Zoll</h1><h1>Fachmeldungen</h1><h1>Verkündung des Tabaksteuergesetzes</h1>`,
			"https://www.zoll.de/x", "Verkündung des Tabaksteuergesetzes"},
		{"h1 in a newsletter box is not the headline",
			`<meta property="og:title" content="Gift Guide | Journelles"><h1>Mein cosy Home Gift Guide</h1><div class="newsletter-signup"><h1>Unser Newsletter!</h1></div>`,
			"https://www.journelles.de/x", "Mein cosy Home Gift Guide"},
		{"h1 as a breadcrumb's last item",
			`<meta property="og:title" content="Kind krank? Was Arbeitgeber jetzt wissen müssen"><div id="breadcrumb"><ul><li><a href="/">Start</a></li><li><h1>Kind krank: Was Arbeitgeber wissen müssen</h1></li></ul></div>`,
			"https://www.impulse.de/x", "Kind krank: Was Arbeitgeber wissen müssen"},
		{"ruby readings left out",
			`<h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を禁止する</h1>`,
			"https://www3.nhk.or.jp/news/easy/x.html", "子どもへの体罰を禁止する"},
		{"title after text before the doctype",
			`<b>Warning</b>: mysql_connect() failed<br><!DOCTYPE html><html><head><title>Alles Neue macht der Mai | Bibliothek 2.0</title></head><body><p>Text</p></body></html>`,
			"http://www.bibliothek2null.de/2015/05/mai/", "Alles Neue macht der Mai"},
		{"section and site after the headline",
			`<title>kein App Store mehr mit iOS 13 ? | iPhone | Forum | MacTechNews.de</title>`,
			"https://www.mactechnews.de/forum/x", "kein App Store mehr mit iOS 13 ?"},
		{"one-word h1 titling a box beside the headline",
			`<meta property="og:title" content="Join us!"><h1>Wellaflex – Schnell aufgefrischtes Haar</h1><h1>Anwendung</h1>`,
			"https://www.theinsidersnet.com/x", "Wellaflex – Schnell aufgefrischtes Haar"},
		{"one Chinese word is no box title",
			`<title>PaddlePaddle/ERNIE</title><meta property="og:title" content="PaddlePaddle/ERNIE"><h1>开源Roadmap</h1><h1>环境安装</h1><h1>快速上手：使用文心ERNIE大模型进行训练</h1><h1>预训练模型介绍</h1>`,
			"https://github.com/PaddlePaddle/ERNIE", "PaddlePaddle/ERNIE"},
		{"a headline holding the site's name is no site heading",
			`<meta property="og:site_name" content="MinusL"><title>Joghurt | MinusL</title><h1>Unsere MinusL Joghurts</h1>`,
			"https://www.minusl.de/joghurt", "Unsere MinusL Joghurts"},
		{"a meta title cut at an unescaped quote",
			`<title>Senator calls governor "unfit" for office</title><meta property="og:title" content="Senator calls governor "unfit" for office"><meta property="og:site_name" content="Valley Times">`,
			"https://valleytimes.example/politics/senator-governor", `Senator calls governor "unfit" for office`},
		{"a separator left at the end trimmed",
			`<title>National Rail Enquiries -</title><h1 class="sifr"></h1>`,
			"https://www.nationalrail.example/service_disruptions/1.aspx", "National Rail Enquiries"},
		{"a meta title cut to a length with an ellipsis",
			`<title>Fed holds rates steady as inflation cools and markets rally on the news - Daily Planet</title><meta property="og:title" content="Fed holds rates steady as inflation cools and markets rally on…"><meta property="og:site_name" content="Daily Planet">`,
			"https://dailyplanet.example/x", "Fed holds rates steady as inflation cools and markets rally on the news"},
		{"a headline cut in the middle of a word",
			`<title>Fed holds rates steady as inflation cools and markets rally | Daily Planet</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Fed holds rates steady as inflation cools and mar"}</script>`,
			"https://dailyplanet.example/x", "Fed holds rates steady as inflation cools and markets rally"},
		{"a short meta title is no cut one",
			`<title>Budget vote: council passes plan | Daily Planet</title><meta property="og:title" content="Budget vote">`,
			"https://dailyplanet.example/x", "Budget vote"},
		{"French quotation marks kept",
			`<title>« Le poids de la géographie » | Le Grand Continent</title><meta property="og:site_name" content="Le Grand Continent">`,
			"https://legrandcontinent.example/2020/03/02/heran/", "« Le poids de la géographie »"},
		{"date before the headline in the h1 left out",
			`<meta property="og:title" content="23.01.2022 - Wierer wins the last sprint - Biathlon Valley"><h1>23.01.2022 - Wierer wins the last sprint</h1>`,
			"https://biathlon-valley.example/x", "Wierer wins the last sprint"},
		{"date after the headline in the h1 left out",
			`<h1>Council passes budget | January 23, 2022</h1>`,
			"https://example.com/x", "Council passes budget"},
		{"the end of a date range in the h1 kept",
			`<h1>Weekly report 14. - 20. January 2022</h1>`,
			"https://example.com/x", "Weekly report 14. - 20. January 2022"},
		{"heading marked as the headline, linking to the page, over another story's h1",
			`<meta property="og:title" content="Early reviews of the console are in - Wire Digest"><article itemtype="http://schema.org/Article"><h2 itemprop="headline" class="headline"><a href="">Early reviews of the console are in</a></h2><p>Text.</p></article><article><h1>Why not go and fight for the reindeer?</h1></article>`,
			"https://wiredigest.example/2019/console-reviews", "Early reviews of the console are in"},
		{"h1 inside a link home is the site's logo",
			`<title>Council passes the budget - Citypaper</title><div id="header"><a href="/"><h1>Stadtblatt Heute</h1></a></div>`,
			"https://citypaper.example/news/budget", "Council passes the budget"},
		{"a topic's short h1 the document title holds, the og:title printed as a heading",
			`<title>Company pensions (CP) - When does a pension pay? - Money Tips</title><meta property="og:title" content="Saving for retirement with the boss's help"><h1>Company pensions</h1><h2>Saving for retirement with the boss's help</h2>`,
			"https://www.moneytips.example/pensions/company/", "Saving for retirement with the boss's help"},
		{"a short h1 that is the document title stays",
			`<title>Company pensions - Money Tips</title><meta property="og:title" content="Saving for retirement with the boss's help"><h1>Company pensions</h1><h2>Saving for retirement with the boss's help</h2>`,
			"https://www.moneytips.example/pensions/company/", "Company pensions"},
		{"a title with a pipe printed whole as the page's heading kept whole",
			`<title>How to Grow a Fig Tree from a Cutting | Step-by-Step Guide</title><meta property="og:title" content="How to Grow a Fig Tree from a Cutting | Step-by-Step Guide"><meta property="og:site_name" content="Green Thumbs"><h2 class="entry-title">How to Grow a Fig Tree from a Cutting | Step-by-Step Guide</h2>`,
			"https://greenthumbs.example/fig-tree-cutting/", "How to Grow a Fig Tree from a Cutting | Step-by-Step Guide"},
		{"a title with a pipe not printed is cut to its longest part",
			`<title>How to Grow a Fig Tree from a Cutting | Step-by-Step Guide</title><meta property="og:title" content="How to Grow a Fig Tree from a Cutting | Step-by-Step Guide"><meta property="og:site_name" content="Green Thumbs">`,
			"https://greenthumbs.example/fig-tree-cutting/", "How to Grow a Fig Tree from a Cutting"},
		{"no h1 nor metadata title: the heading marked as the headline over the document title",
			`<title>the writing style - webcraft.example - Web design</title><div class="sidebar"><h3 class="widget-title">Search this site</h3></div><article><h2 itemprop="headline">Write for the readers you want to reach</h2><p>Text.</p></article>`,
			"https://webcraft.example/writing-style", "Write for the readers you want to reach"},
		{"a document title naming the site alone: the story's first heading",
			`<title>Harbour Rail Enquiries -</title><h1 class="sifr"></h1><div id="content"><h2>Replacement Buses Travel Advice</h2><p>Text.</p><h2>General Information</h2></div>`,
			"https://www.harbourrail.example/service/disruptions.aspx", "Replacement Buses Travel Advice"},
		{"kicker in a part of its own that the og:title sets apart by a dash",
			`<meta property="og:title" content="Harbour towns – Ferries keep running through the winter"><h1><span class="head-top">Harbour towns</span><span aria-hidden="true"> – </span><span class="head-main">Ferries keep running through the winter</span></h1>`,
			"https://coast.example/x", "Ferries keep running through the winter"},
		{"kicker in a part of its own that a shorter document title sets apart",
			`<title>Energy Initiative - free power check | Eco Building</title><h1><span class="h1small">Energy Initiative</span> Free power check for private households</h1>`,
			"https://eco.example/x", "Free power check for private households"},
		{"an emphasised name leading the headline is no kicker",
			`<meta property="og:title" content="Barbie – the review of a summer"><h1><em>Barbie</em> – the review of a summer</h1>`,
			"https://films.example/x", "Barbie – the review of a summer"},
		{"the full headline in a heading styled as the h1, the h1 and title cut",
			`<title>Fire engines of the post-war years - Part 49 | Fleet Archive</title><h1>Fire engines of the post-war years - Part 49</h1><h2 class="h1">Fire engines of the post-war years - Part 49 – Büssing trucks (1931 – 1945)</h2>`,
			"https://fleetarchive.example/news/part-49", "Fire engines of the post-war years - Part 49 – Büssing trucks (1931 – 1945)"},
		{"the full headline in the headline part of a heading",
			`<title>Holiday eating: 10 tips | Fit Weekly</title><h1>Holiday eating: 10 tips</h1><h2><span class="subline">Tricks for the holidays</span> <span class="headline">Holiday eating: 10 tips for a light feast</span></h2>`,
			"https://fitweekly.example/x", "Holiday eating: 10 tips for a light feast"},
		{"a headline part after a subline that is the title is no full form of it",
			`<title>Irene Karp is the new council president | Radio One</title><h1>"Clear the backlog" / Irene Karp is the new council president</h1><h2 class="combo-headline"><span class="subheadline">Irene Karp is the new council president</span> <span class="headline">"Clear the backlog"</span></h2>`,
			"https://radio.example/x", "Irene Karp is the new council president"},
		{"h1 starting with the host name is the site's",
			`<title>Kinder und Arbeit » ProNATs e.V.</title><h1>ProNATs e.V. Verein zur Unterstützung arbeitender Kinder</h1>`,
			"https://www.pronats.de/informationen/kinder-und-arbeit/", "Kinder und Arbeit"},
		{"a breadcrumb h1 under the JSON-LD headline printed in the story",
			`<title>Singer and actor split up: "It's over"</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"\u201eIt's over\u201c: singer and actor split up"}</script><div class="header-logo"><h1>Star Gossip</h1></div><main><div class="breadcrumbs"><a href="/">Home</a> <a href="/stars/">Stars</a> <h1>Singer and actor split up: "It's over"</h1></div><article><div class="post-title"><h2>„It's over“: singer and actor split up</h2></div><p>Text.</p></article></main>`,
			"https://stargossip.example/stars/split-up_1.html", "„It's over“: singer and actor split up"},
		{"a breadcrumb h1 printing the og:title whole, kicker and all, under the story's kicked heading",
			`<meta property="og:title" content="Measles: Can the outbreak in the region be contained?"><article><ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/health">Health</a></li><li><h1>Measles: Can the outbreak in the region be contained?</h1></li></ol><h2><span class="content__kicker">Measles</span><span class="sr-only">: </span> <span class="content__title">Can the outbreak in the region be contained?</span></h2><p>Text.</p></article>`,
			"https://sciencemag.example/knowledge/measles-outbreak/1700384", "Can the outbreak in the region be contained?"},
		{"a breadcrumb h1 that is the JSON-LD headline stays",
			`<title>Parliament delays the vote | Politics</title><meta property="og:title" content="Vote delayed: chaos days ahead"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Parliament delays the vote"}</script><div class="breadcrumb"><a href="/politics/">Politics</a><h1>Parliament delays the vote</h1></div><article><h2 class="article-headline">Vote delayed: chaos days ahead</h2><p>Text.</p></article>`,
			"https://dailypaper.example/politics/vote-1.html", "Parliament delays the vote"},
		{"the part of the document title printed as a heading",
			`<title>Harbour Gamers e.V. - News » The events of the last weeks</title><div class="sidebar"><h1 class="headline">Win a headset!</h1><h1 class="headline">Our team reports</h1></div><div id="content"><h2>The events of the last weeks</h2><p>Text.</p></div>`,
			"https://web.archive.org/web/20110106023242/http://hg-clan.example/index.php?site=news&id=111", "The events of the last weeks"},
		{"no h1: the heading printing the og:title without its issue number",
			`<title>The historic somersault (2021/5): Travel Weekly</title><meta property="og:title" content="The historic somersault (2021/5)"><div class="breadcrumbs"><a href="/travel/">Travel</a> <a href="/travel/x/">The historic somersault (2021/5)</a></div><header><h2>The historic somersault</h2></header><p>Text.</p>`,
			"https://travelweekly.example/travel/the-historic-somersault-20215/", "The historic somersault"},
		{"a section's one-word h1 over the heading printing the og:title's start",
			`<title>CULTURE.de | Culture | Literature | 30.11. | Book of the week - Jane Doe (ed.) • 1619</title><meta property="og:title" content="30.11. | Book of the week - Jane Doe (ed.) • 1619"><div id="content"><h1 class="text-center">Literature</h1><h2>30.11. | Book of the week</h2><h3>Jane Doe (ed.) • 1619</h3><p>Text.</p></div>`,
			"https://www.culture.example/culture/article/30-11-book-of-the-week", "30.11. | Book of the week"},
		{"no h1: the heading printing the og:title up to a dash",
			`<meta property="og:title" content="The historic somersault – a trip to the coast"><header><h2>The historic somersault</h2></header><p>Text.</p>`,
			"https://travelweekly.example/travel/the-historic-somersault/", "The historic somersault"},
		{"a blog's banner h1 linking to its front page over the heading printing the og:title",
			`<title>Why does the app say hummus? - The Nosh – Daily Forward</title><meta property="og:title" content="The Funny Reason Your Chat App Can Say “Hummus”"><a href="https://dailyforward.example/nosh/"><h1 class="blog-banner-title"><span>The Nosh:</span><br> Your Daily Food Culture Fix</h1></a><section class="blog-article"><h2>The Funny Reason Your Chat App Can Say “Hummus”</h2><p>Text.</p></section>`,
			"https://dailyforward.example/nosh/358592/why-does-the-app-say-hummus/", "The Funny Reason Your Chat App Can Say “Hummus”"},
		{"a headline h1 linking to the story itself stays",
			`<meta property="og:title" content="Council approves the harbour plan"><article><h1><a href="https://coastnews.example/2023/05/harbour-plan/">Council approves the harbour plan after a long night</a></h1><h2>Council approves the harbour plan</h2><p>Text.</p></article>`,
			"https://coastnews.example/2023/05/harbour-plan/", "Council approves the harbour plan after a long night"},
		{"a heading printing only a kicker before a colon is no headline",
			`<meta property="og:title" content="Harbour towns: ferries keep running through the winter"><h2>Harbour towns</h2><p>Text.</p>`,
			"https://coast.example/x", "Harbour towns: ferries keep running through the winter"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			u := mustURL(t, tc.url)
			m := collectMeta(doc, make(classes), testExtractor.lex)
			if got := m.title(m.siteName(u), u); got != tc.want {
				t.Errorf("title = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPageAuthors(t *testing.T) {
	const para = "<p>Words of an ordinary sentence, long enough to be taken as the text of an article.</p>"
	tests := []struct {
		name, page string
		want       []string
		notInText  string
	}{
		{"json-ld author given by reference",
			`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"Ruling","author":{"@id":"https://example.com/#/schema/person/1"}},{"@type":"Person","@id":"https://example.com/#/schema/person/1","name":"Evan Symon"}]}</script>` +
				`<h1>Ruling</h1>` + para + para + `<p>Evan V. Symon is the Senior Editor for the Globe. He can be reached at evan@example.com.</p>` +
				`<ol class="commentlist"><li><div class="comment-author vcard"><b class="fn">Michael Dougherty</b> says:</div><p>A comment.</p></li></ol>`,
			[]string{"Evan Symon"}, "Senior Editor"},
		{"a byline's date and weekday cut from the name",
			`<h1>Ruling</h1><div class="article-author"><a href="/a/dp"><span>Dana Price</span></a> Tuesday, May 2, 2023 @ 9:10 AM UTC</div>` + para + para,
			[]string{"Dana Price"}, "9:10 AM"},
		{"the names an author box links to the writers' pages, not its buttons and titles",
			`<h1>Ruling</h1><div class="article-author"><a href="/author/nathan-tempey">Nathan Tempey</a> in <a href="/news">News</a> <a href="https://twitter.example/share">twitter</a> <a href="/print">print</a> <span>Senior Courts Reporter</span></div>` + para + para,
			[]string{"Nathan Tempey"}, ""},
		{"a link labelled around the name gives way to the name",
			`<h1>Ruling</h1><div class="byline-author"><a href="/autor/tanja-karrasch">Tanja Karrasch</a> · <a href="/autor/tanja-karrasch">Alle Artikel von Tanja Karrasch</a></div>` + para + para,
			[]string{"Tanja Karrasch"}, ""},
		{"bylines of a list of other stories beside the article's",
			`<h1>Ruling</h1><div class="byline"><span class="author">Dana Price</span></div>` + para + para +
				`<div class="grid"><div class="card"><a href="/2023/05/ferry-fares-rise-again-this-summer">Ferry fares rise again this summer</a><span class="author">Omar Reyes</span></div>` +
				`<div class="card"><a href="/2023/05/school-board-delays-its-vote">School board delays its vote on the budget</a><span class="author">Lena Hart</span></div></div>`,
			[]string{"Dana Price"}, ""},
		{"bylines of other stories in cards of their own (<article>)",
			`<article><h1>Ruling</h1><div class="byline"><span class="author">Dana Price</span></div>` + para + para + `</article>` +
				`<section><article class="card"><h4><a href="/2023/05/ferry-fares-rise-again-this-summer">Ferry fares rise again this summer</a></h4><div class="writer"><h4 class="author">By <a href="/omar-reyes/">Omar Reyes</a></h4></div></article></section>`,
			[]string{"Dana Price"}, ""},
		{"a byline beside a link to another story when no other names an author",
			`<h1>Ruling</h1>` + para + para + `<div class="card"><a href="/2023/05/ferry-fares-rise-again-this-summer">Ferry fares rise again this summer</a><span class="author">Omar Reyes</span></div>`,
			[]string{"Omar Reyes"}, ""},
		{"a meta author tag for each writer",
			`<meta name="author" content="Dana Price"><meta name="author" content="Omar Reyes"><meta itemprop="author" content="Lena Hart | Photo Agency"><h1>Ruling</h1>` + para + para,
			[]string{"Dana Price", "Omar Reyes"}, ""},
		{"a comment form's name field is no author",
			`<h1>Ruling</h1>` + para + para + `<form id="commentform"><p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text"></p></form>`,
			[]string{}, ""},
		{"commenters only when nothing else names an author",
			`<h1>Ruling</h1>` + para + `<ol class="commentlist"><li><div class="comment-author vcard"><b class="fn">Michael Dougherty</b></div></li></ol>`,
			[]string{"Michael Dougherty"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, _, err := testExtractor.ExtractArticle([]byte(tc.page), "https://example.com/x")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Authors, tc.want) {
				t.Errorf("authors %q, want %q", a.Authors, tc.want)
			}
			if tc.notInText != "" && strings.Contains(a.Text, tc.notInText) {
				t.Errorf("text keeps the author's bio: %q", a.Text)
			}
		})
	}
}

func TestCleanAuthors(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"by and", []string{"By Jane Doe and John Smith"}, []string{"Jane Doe", "John Smith"}},
		{"von und", []string{"Von Max Müller und Erika Mustermann"}, []string{"Max Müller", "Erika Mustermann"}},
		{"comma list", []string{"Ann Lee, Bo Chen"}, []string{"Ann Lee", "Bo Chen"}},
		{"drops dates and urls", []string{"Updated 3 hours ago", "https://x.example/author/a"}, nil},
		{"a newsroom's byline is an author", []string{"Von Redaktion Harbor Post"}, []string{"Redaktion Harbor Post"}},
		{"a staff byline is an author", []string{"By Valley Times Staff"}, []string{"Valley Times Staff"}},
		{"a handle after the name", []string{"Omar Reyes @omarreyes"}, []string{"Omar Reyes"}},
		{"a byline's word alone is no name", []string{"Por", "By:"}, nil},
		{"dedupes", []string{"Jane Doe", "jane doe"}, []string{"Jane Doe"}},
		{"an author box's buttons around the name",
			[]string{"Print Email Dana Price", "Follow on Twitter", "Dana Price Email the author", "View author archive Get author RSS feed"},
			[]string{"Dana Price"}},
		{"the story's tags after the name", []string{"Omar Reyes Tags: City Council, Budget Vote"}, []string{"Omar Reyes"}},
		{"a cut text that reads as no name", []string{"Lena Hart", "Follow Lena on Instagram", "For more stories, follow me"}, []string{"Lena Hart"}},
		{"the writer's job and publication beside the name",
			[]string{"Sam Ortiz, Senior Courts Editor, The Valley Courier", "Opinion writer"}, []string{"Sam Ortiz"}},
		{"a job alone is kept", []string{"Features Editor"}, []string{"Features Editor"}},
		{"a publication beside an agency is a name", []string{"AFP/The Valley Courier"}, []string{"AFP", "The Valley Courier"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cleanAuthors(tc.in)
			if strings.Join(got, ";") != strings.Join(tc.want, ";") {
				t.Errorf("cleanAuthors(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(`<html><head><meta charset="iso-8859-1"></head><body><p>Größe über Maß</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	longHead := append([]byte(`<html><head>`+strings.Repeat("<!-- padding -->", 200)+`<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">`), mustSJIS(t, "</head><body><p>日本語の記事</p></body></html>")...)
	tests := []struct {
		name string
		page []byte
		want string
	}{
		{"utf-8 as is", []byte("<p>naïve café</p>"), "naïve café"},
		{"declared latin-1", latin1, "Größe über Maß"},
		{"undeclared windows-1252", []byte("<p>caf\xe9 \x93quoted\x94</p>"), "café “quoted”"},
		{"meta charset beyond 1024 bytes", longHead, "日本語の記事"},
		{"broken utf-8 declared", []byte("<meta charset=utf-8><p>ok \xff\xfe ok</p>"), "ok"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := decode(tc.page)
			if !utf8.Valid(got) {
				t.Fatalf("decode returned invalid UTF-8: %q", got)
			}
			if !bytes.Contains(got, []byte(tc.want)) {
				t.Errorf("decode(%q) = %q, want it to contain %q", tc.page[:min(len(tc.page), 60)], got, tc.want)
			}
		})
	}
}

func mustSJIS(t *testing.T, s string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOnDayKeepsInstant(t *testing.T) {
	tests := []struct {
		name    string
		t       time.Time
		day     time.Time
		wantDay string
		wantOff int
	}{
		{"evening in the americas", time.Date(2020, 2, 25, 2, 25, 0, 0, time.UTC), time.Date(2020, 2, 24, 0, 0, 0, 0, naive), "2020-02-24", -3 * 3600},
		{"midnight in europe", time.Date(2021, 11, 4, 23, 0, 0, 0, time.UTC), time.Date(2021, 11, 5, 0, 0, 0, 0, naive), "2021-11-05", 3600},
		{"same day untouched", time.Date(2021, 11, 4, 23, 0, 0, 0, time.UTC), time.Date(2021, 11, 4, 0, 0, 0, 0, naive), "2021-11-04", 0},
		{"two days off untouched", time.Date(2021, 11, 4, 23, 0, 0, 0, time.UTC), time.Date(2021, 11, 6, 0, 0, 0, 0, naive), "2021-11-04", 0},
		{"no offset reaches it", time.Date(2021, 11, 4, 13, 0, 0, 0, time.UTC), time.Date(2021, 11, 3, 0, 0, 0, 0, naive), "2021-11-04", 0},
		// 10:04 UTC is on the day before only west of Hawaii (-11),
		// where no newsroom is: the URL's day is another (the day the
		// story was filed), the UTC day stays.
		{"west of hawaii untouched", time.Date(2020, 7, 9, 10, 4, 0, 0, time.UTC), time.Date(2020, 7, 8, 0, 0, 0, 0, naive), "2020-07-09", 0},
		{"hawaii", time.Date(2020, 7, 9, 9, 4, 0, 0, time.UTC), time.Date(2020, 7, 8, 0, 0, 0, 0, naive), "2020-07-08", -10 * 3600},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := onDay(tc.t, tc.day)
			if !got.Equal(tc.t) {
				t.Fatalf("onDay moved the instant: %s, want %s", got, tc.t)
			}
			if _, off := got.Zone(); got.Format("2006-01-02") != tc.wantDay || off != tc.wantOff {
				t.Errorf("onDay = %s (offset %d), want day %s offset %d", got.Format(time.RFC3339), off, tc.wantDay, tc.wantOff)
			}
		})
	}
}

// panicky is an analyzer with a bug a page exposes.
type panicky struct{}

func (panicky) Analyze(*event.Article, []Table) { panic("slice bounds out of range") }

// TestExtractPagePanic checks that a page whose analysis panics fails
// with ErrPanic alone: the batch or worker that reads it goes on.
func TestExtractPagePanic(t *testing.T) {
	x := New(WithAnalyzer(panicky{}))
	page := []byte("<html><body><article><h1>Ferry fares frozen</h1><p>Words of an ordinary sentence, long enough to be taken as the text of an article about ferries.</p></article></body></html>")
	_, err := x.ExtractPage(page, event.Page{URL: "https://news.example.com/a"})
	if !errors.Is(err, ErrPanic) {
		t.Fatalf("err = %v, want ErrPanic", err)
	}
	if _, err := New().ExtractPage(page, event.Page{URL: "https://news.example.com/a"}); err != nil {
		t.Fatalf("the same page without the bug: %v", err)
	}
}

func TestRegionZoneSummer(t *testing.T) {
	tests := []struct {
		zone string
		utc  string
		want string // the offset in force
	}{
		{"us", "2023-03-12T06:59:00Z", "-05:00"},
		{"us", "2023-03-12T07:00:00Z", "-04:00"},
		{"us", "2023-11-05T05:59:00Z", "-04:00"},
		{"us", "2023-11-05T06:00:00Z", "-05:00"},
		{"gb", "2023-03-26T00:59:00Z", "Z"},
		{"gb", "2023-03-26T01:00:00Z", "+01:00"},
		{"gb", "2023-10-29T01:00:00Z", "Z"},
		{"au", "2023-04-01T15:59:00Z", "+11:00"},
		{"au", "2023-04-01T16:00:00Z", "+10:00"},
		{"au", "2023-09-30T16:00:00Z", "+11:00"},
		{"in", "2023-07-01T12:00:00Z", "+05:30"},
	}
	for _, tc := range tests {
		t.Run(tc.zone+" "+tc.utc, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, tc.utc)
			if err != nil {
				t.Fatal(err)
			}
			if got := at.In(regionZones[tc.zone]).Format("Z07:00"); got != tc.want {
				t.Errorf("offset %s, want %s", got, tc.want)
			}
		})
	}
}

func TestZoneOffset(t *testing.T) {
	for _, tt := range []struct {
		d, want time.Duration
		ok      bool
	}{
		{-4*time.Hour - 2*time.Minute, -4 * time.Hour, true},
		{5*time.Hour + 31*time.Minute, 5*time.Hour + 30*time.Minute, true},
		{-3*time.Hour - 28*time.Minute, -3*time.Hour - 30*time.Minute, true},
		{10 * time.Minute, 0, true},
		{6*time.Hour + 46*time.Minute, 0, false},
		{-1*time.Hour - 15*time.Minute, 0, false},
	} {
		got, ok := zoneOffset(tt.d)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("zoneOffset(%v) = %v, %v; want %v, %v", tt.d, got, ok, tt.want, tt.ok)
		}
	}
}

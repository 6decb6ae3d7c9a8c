package extractor

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestWordsYAML(t *testing.T) {
	var w wordLists
	if err := yaml.Unmarshal(wordsYAML, &w); err != nil {
		t.Fatal(err)
	}
	lists := map[string]map[string][]string{
		"story_end": w.StoryEnd, "promo_labels": w.PromoLabels, "sign_up": w.SignUp,
		"sign_up_what": w.SignUpWhat, "newsletter_verbs": w.NewsletterVerbs, "bio_verbs": w.BioVerbs,
		"comments": w.Comments, "comments_uncounted": w.CommentsUncounted,
	}
	for name, byLang := range lists {
		if len(byLang) == 0 {
			t.Errorf("%s: empty", name)
		}
		seen := map[string]string{}
		for lang, phrases := range byLang {
			for _, p := range phrases {
				if p != strings.ToLower(p) || strings.TrimSpace(p) != p || p == "" {
					t.Errorf("%s/%s: %q is not a trimmed lower-case phrase", name, lang, p)
				}
				if other, ok := seen[p]; ok {
					t.Errorf("%s/%s: %q is also under %s", name, lang, p, other)
				}
				seen[p] = lang
			}
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for name, data := range map[string]string{
		"unknown list": "story_ends: {de: [kommentare]}\n",
		"not a map":    "story_end: [kommentare]\n",
		"upper case":   "story_end: {de: [Kommentare]}\n",
		"empty list":   "story_end: {de: [kommentare], zh: [评论]}\npromo_labels: {en: [related]}\nsign_up: {en: [sign up]}\nsign_up_what: {en: []}\nnewsletter_verbs: {en: [get]}\nbio_verbs: {en: [is]}\ncomments: {en: [comments]}\ncomments_uncounted: {en: [leave a reply]}\n",
		"empty phrase": "story_end: {de: [kommentare, \"\"], zh: [评论]}\npromo_labels: {en: [related]}\nsign_up: {en: [sign up]}\nsign_up_what: {en: [inbox]}\nnewsletter_verbs: {en: [get]}\nbio_verbs: {en: [is]}\ncomments: {en: [comments]}\ncomments_uncounted: {en: [leave a reply]}\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseLexicon([]byte(data)); err == nil {
				t.Error("parsed, want an error")
			}
		})
	}
}

// TestLanguagesMainText runs the phrases of words.yaml in each language
// through mainText: a heading that opens related stories or comments ends
// the story, a promoted link's label keeps it out, and a call to sign up
// for a newsletter is dropped.
func TestLanguagesMainText(t *testing.T) {
	prose := func(topic string) string {
		return "<p>" + strings.Repeat("The "+topic+" is described here at length, with care, in plain sentences. ", 6) + "</p>"
	}
	// related sets a box of other stories, opened by heading, between
	// paragraphs of the story: it is dropped whole when heading says what
	// it is.
	related := func(heading string) string {
		return `<article>` + prose("harbour") + prose("ferry") + `<div class="box-x"><h3>` + heading + `</h3>` +
			`<p><a href="/p">Old pier to reopen</a></p><p>The pier will reopen in June with new lights, a wider walk and benches along it, the council said after a long debate on the cost of the work.</p>` +
			`<p><a href="/l">Cottage sold at auction</a></p><p>A couple bought the cottage for twice the asking price after a bidding war that lasted the whole afternoon and drew a crowd.</p></div>` +
			prose("quay") + prose("tide") + `</article>`
	}
	// promo puts a promoted link, after label, between paragraphs: its
	// own words would keep it as a sentence of the story, but for label.
	promo := func(label string) string {
		return `<article><div class="body">` + prose("harbour") + prose("quay") +
			`<p>` + label + ` <a href="/y">Check out this story on the harbour's long and troubled history</a> from last year.</p>` +
			prose("tide") + `</div></article>`
	}
	signUp := func(line string) string {
		return `<article>` + prose("harbour") + `<p>` + line + `</p>` + prose("ferry") + `</article>`
	}
	tests := []struct {
		name, page string
		want, drop []string
	}{
		{"a heading of no list keeps what follows", related("Ein Tag am Meer"), []string{"The pier will reopen"}, nil},
		{"en: a box of related stories is dropped", related("Related Stories"), []string{"The tide is described"}, []string{"Related Stories", "The pier will reopen"}},
		{"es: a box of related stories is dropped", related("Noticias relacionadas"), []string{"The tide is described"}, []string{"relacionadas", "The pier will reopen"}},
		{"pt: a box of related stories is dropped", related("Notícias relacionadas"), []string{"The tide is described"}, []string{"relacionadas", "The pier will reopen"}},
		{"fr: a box of related stories is dropped", related("Sur le même sujet"), []string{"The tide is described"}, []string{"même sujet", "The pier will reopen"}},
		{"it: a box of related stories is dropped", related("Articoli correlati"), []string{"The tide is described"}, []string{"correlati", "The pier will reopen"}},
		{"pl: a box of related stories is dropped", related("Powiązane artykuły"), []string{"The tide is described"}, []string{"Powiązane", "The pier will reopen"}},
		{"nl: a box of related stories is dropped", related("Gerelateerde artikelen"), []string{"The tide is described"}, []string{"Gerelateerde", "The pier will reopen"}},
	}
	// promoCJK is promo in a script without spaces, its own words long
	// enough to keep it as a sentence but for label.
	promoCJK := func(label, link, own string) string {
		return `<article><div class="body">` + prose("harbour") + prose("quay") +
			`<p>` + label + `<a href="/y">` + link + `</a>` + own + `</p>` + prose("tide") + `</div></article>`
	}
	tests = append(tests, []struct {
		name, page string
		want, drop []string
	}{
		{"zh: a promoted link's label drops it", promoCJK("相关阅读：", "港口漫长而曲折的历史故事以及在那里工作过的人们的回忆录全文", "，这是去年发表的一篇长篇报道。"), []string{"The tide is described"}, []string{"港口漫长"}},
		{"ja: a promoted link's label drops it", promoCJK("関連記事：", "港の長く曲がりくねった歴史とそこで働いた人々の思い出の全文", "、昨年掲載された長い記事です。"), []string{"The tide is described"}, []string{"港の長く"}},
		{"ko: a promoted link's label drops it", promoCJK("관련기사: ", "항구의 길고 험난한 역사와 그곳에서 일했던 사람들의 회고록 전문", ", 작년에 실린 아주 긴 기사이며 꼭 읽어 볼 만한 글입니다."), []string{"The tide is described"}, []string{"항구의 길고"}},
	}...)
	// comments heads the readers' comments after the story with heading;
	// a comment is prose a reader wrote, which only the heading tells
	// from the story's.
	comments := func(heading string) string {
		return `<div class="body-x">` + prose("harbour") + prose("ferry") + `<h3>` + heading + `</h3>` +
			`<div class="c1"><p>I took that ferry every summer as a child. It was always late, but we loved it anyway.</p><p>Glad to hear it is coming back at last.</p></div></div>`
	}
	for _, c := range []struct{ lang, heading string }{
		{"en", "12 Comments"}, {"es", "12 comentarios"}, {"pt", "12 comentários"}, {"fr", "12 commentaires"},
		{"it", "12 commenti"}, {"pl", "Komentarze (12)"}, {"nl", "12 reacties"},
		{"es", "Deja un comentario"}, {"pt", "Deixe um comentário"}, {"fr", "Laisser un commentaire"},
		{"it", "Lascia un commento"}, {"pl", "Dodaj komentarz"}, {"nl", "Plaats een reactie"},
	} {
		tests = append(tests, struct {
			name, page string
			want, drop []string
		}{c.lang + ": the readers' comments end the story (" + c.heading + ")", comments(c.heading), []string{"The ferry is described"}, []string{"I took that ferry"}})
	}
	signUps := []struct{ lang, line string }{
		{"en", "Sign up for our newsletter and get the harbour news every morning."},
		{"es", "Suscríbete a nuestro boletín y recibe cada mañana las noticias del puerto."},
		{"pt", "Assine a nossa newsletter e receba as notícias do porto todas as manhãs."},
		{"fr", "Abonnez-vous à notre lettre d'information pour recevoir les nouvelles du port."},
		{"it", "Iscriviti alla nostra newsletter per ricevere ogni mattina le notizie del porto."},
		{"pl", "Zapisz się do naszego newslettera i otrzymuj codziennie wiadomości z portu."},
		{"nl", "Schrijf je in voor onze nieuwsbrief en ontvang elke ochtend het nieuws uit de haven."},
		{"zh", "订阅我们的电子报，每天早上获取港口新闻。"},
		{"ja", "メールマガジンに登録して、毎朝港のニュースを受け取りましょう。"},
		{"ko", "뉴스레터를 구독하고 매일 아침 항구 소식을 받아보세요."},
		{"vi", "Đăng ký nhận bản tin để nhận tin tức về cảng mỗi sáng."},
	}
	for _, c := range signUps {
		tests = append(tests, struct {
			name, page string
			want, drop []string
		}{c.lang + ": a call to sign up for a newsletter is dropped", signUp(c.line), []string{"The ferry is described"}, []string{string([]rune(c.line)[:8])}})
	}
	promos := []struct{ lang, label string }{
		{"en", "Related:"}, {"es", "Ver también:"}, {"pt", "Leia também:"}, {"fr", "Voir aussi :"}, {"it", "Leggi anche:"},
		{"pl", "Czytaj także:"}, {"nl", "Lees ook:"}, {"vi", "Xem thêm:"},
	}
	tests = append(tests, struct {
		name, page string
		want, drop []string
	}{"a link with words of its own and no label is a sentence", promo("Yesterday,"), []string{"long and troubled history"}, nil})
	for _, p := range promos {
		tests = append(tests, struct {
			name, page string
			want, drop []string
		}{p.lang + ": a promoted link's label drops it", promo(p.label), []string{"The tide is described"}, []string{"troubled history"}})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkMainText(t, tc.page, tc.want, tc.drop)
		})
	}
}

// BenchmarkLexicon measures what the package function ExtractArticle adds
// to a call: compiling words.yaml.
func BenchmarkLexicon(b *testing.B) {
	for b.Loop() {
		mustLexicon()
	}
}

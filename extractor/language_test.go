package extractor

import (
	"testing"

	"github.com/RadhiFadlillah/whatlanggo"
)

// TestDetectLanguageAgreesWithWhatlanggo checks that the shortcut through
// the news languages answers what the full comparison answers, including
// for the languages it must hand over (Norwegian, Indonesian, Malay).
func TestDetectLanguageAgreesWithWhatlanggo(t *testing.T) {
	samples := map[string]string{
		"en": "DeepSeek released a new open-weight model on Tuesday, saying it beats larger rivals on coding and mathematics benchmarks while costing far less to train.",
		"es": "La empresa china publicó el martes un nuevo modelo de lenguaje de pesos abiertos y afirma que supera a sus rivales en programación y matemáticas.",
		"fr": "La société a publié mardi un nouveau modèle de langage ouvert, qui selon elle dépasse ses concurrents sur les tests de programmation et de mathématiques.",
		"de": "Das Unternehmen hat am Dienstag ein neues offenes Sprachmodell veröffentlicht, das nach eigenen Angaben größere Konkurrenten beim Programmieren übertrifft.",
		"vi": "Công ty Trung Quốc vừa phát hành mô hình ngôn ngữ mã nguồn mở mới, được cho là vượt qua các đối thủ lớn hơn trong các bài kiểm tra lập trình.",
		"nb": "Selskapet lanserte tirsdag en ny språkmodell med åpne vekter, og hevder at den slår større konkurrenter på programmering og matematikk, til en brøkdel av prisen.",
		"id": "Perusahaan asal Tiongkok itu merilis model bahasa baru dengan bobot terbuka pada hari Selasa dan mengklaim model tersebut mengungguli pesaing yang lebih besar.",
		"ms": "Syarikat itu melancarkan model bahasa baharu pada hari Selasa dan mendakwa ia mengatasi pesaing yang lebih besar dalam ujian pengaturcaraan dan matematik.",
		"zh": "深度求索周二发布了新的开源权重模型，称其在编程和数学基准测试中超过了更大的竞争对手。",
		"ja": "同社は火曜日、新しいオープンウェイトの言語モデルを公開し、プログラミングと数学のベンチマークで大型の競合を上回ったと発表した。",
		"ko": "이 회사는 화요일 새로운 오픈 웨이트 언어 모델을 공개했으며 코딩과 수학 벤치마크에서 더 큰 경쟁 모델을 앞섰다고 밝혔다.",
	}
	for name, text := range samples {
		full, short := whatlanggo.Detect(text), detectLanguage(text)
		if full.Lang != short.Lang || full.IsReliable() != short.IsReliable() {
			t.Errorf("%s: whatlanggo says %s (reliable %v), detectLanguage says %s (reliable %v)",
				name, full.Lang.Iso6391(), full.IsReliable(), short.Lang.Iso6391(), short.IsReliable())
		}
	}
	if got := Language(samples["en"], ""); got != "en" {
		t.Errorf("Language(English text) = %q, want en", got)
	}
}

func TestPlainlyEnglish(t *testing.T) {
	en := "DeepSeek said on Tuesday that it has released a new model, the latest version of its open-weight family. " +
		"According to the company, the model scores higher than its rivals on coding tests, and it is available to developers who prefer hosted access. " +
		"Analysts said the release keeps pressure on labs in the United States and China, which now ship new models almost every week."
	cases := []struct {
		name, text string
		want       bool
	}{
		{"English news", en, true},
		{"short English", "The model is out and it is fast.", false},
		{"German quoting English", "Am 14. Juni 2005 hielt Steve Jobs eine vielbeachtete Rede vor den Absolventen der Stanford University, und er sagte: “You can’t connect the dots looking forward, you can only connect them looking backwards.” Mit den Punkten meinte er die kleinen Bausteine, aus denen sich ein Leben zusammensetzt, und das ist auch für Unternehmen wichtig, die nach Innovation suchen. Das Zitat wird oft wiederholt, aber nicht immer verstanden, und es ist für viele ein Rätsel.", false},
		{"French", "La société chinoise a publié mardi un nouveau modèle de langage, et elle affirme que ce modèle est plus performant que ceux de ses concurrents sur les tests de programmation. Les poids sont disponibles pour les développeurs qui préfèrent un accès hébergé, et une API est proposée dans le même temps pour les entreprises qui ne veulent pas gérer leurs serveurs.", false},
		{"Dutch", "Het bedrijf heeft dinsdag een nieuw taalmodel uitgebracht, en het zegt dat het model beter presteert dan dat van de concurrenten op programmeertests. De gewichten zijn beschikbaar voor ontwikkelaars die een gehoste toegang verkiezen, en er is ook een API voor bedrijven die niet zelf servers willen beheren of onderhouden.", false},
	}
	for _, c := range cases {
		if got := plainlyEnglish(c.text); got != c.want {
			t.Errorf("%s: plainlyEnglish = %v, want %v", c.name, got, c.want)
		}
		if c.want {
			if got := Language(c.text, "de"); got != "en" {
				t.Errorf("%s: Language = %q, want en", c.name, got)
			}
		}
	}
}

// TestLanguageOfChineseWithEnglish: a Chinese README quoting English at
// length is Chinese — the English shortcut is for Latin-script text only.
func TestLanguageOfChineseWithEnglish(t *testing.T) {
	english := "The model is released under the Apache 2.0 license, and the weights can be downloaded from the hub by anyone who has an account there and would like to try it. "
	chinese := "我们发布了新一代开源模型，在多项基准测试中取得了领先的成绩，欢迎社区开发者下载试用并提出宝贵意见。模型支持长上下文、工具调用和多语言对话，推理速度比上一代提升了一倍以上。"
	text := chinese + english + chinese + chinese + chinese
	if !plainlyEnglish(english + english) {
		t.Fatal("the English part alone is not plainly English: the test proves nothing")
	}
	if plainlyEnglish(text) {
		t.Error("plainlyEnglish(Chinese text quoting English) = true")
	}
	if got := Language(text, ""); got != "zh" {
		t.Errorf("Language = %q, want zh", got)
	}
}

package intel

import (
	"testing"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/event"
)

func TestSoundKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Qwen", "Kwen"}, {"Qwen", "Quen"}, {"Llama", "Lama"}, {"DeepSeek", "Deep Sik"}, {"DeepSeek", "DeepSick"},
		{"Zhipu", "Zippu"}, {"Zhipu", "Zhi Pu"}, {"MiniMax", "Mini Maks"}, {"Moonshot", "Moon Shot"},
		{"Kimi", "Kimmy"}, {"Gemini", "Jemini"}, {"ByteDance", "Bite Dance"}, {"Falcon", "Falkon"}, {"Phoenix", "Foenix"},
	} {
		if a, b := string(soundKey(nil, []byte(tc.a))), string(soundKey(nil, []byte(tc.b))); a != b {
			t.Errorf("soundKey(%q) = %q, soundKey(%q) = %q; want them equal", tc.a, a, tc.b, b)
		}
	}
	for _, tc := range []struct{ a, b string }{{"Qwen", "Queen"}, {"Claude", "Claud"}, {"Hunyuan", "Hunyan"}, {"Xiaomi", "Shaomi"}} {
		a, b := soundKey(nil, []byte(tc.a)), soundKey(nil, []byte(tc.b))
		if string(a) == string(b) || !oneEdit(string(a), string(b)) {
			t.Errorf("soundKey(%q) = %q, soundKey(%q) = %q; want one letter apart", tc.a, a, tc.b, b)
		}
	}
}

func TestSoundIndex(t *testing.T) {
	var x soundIndex
	x.add("Hunyuan", 1)
	x.add("Mamba", 2)
	x.add("Qwen", 3)
	x.add("01 AI", 4) // digits: not indexed
	x.add("Yi", 5)    // too short
	for _, tc := range []struct {
		word  string
		idx   int
		exact bool
	}{
		{"Hunyan", 1, false}, {"Hun Yuan", 1, true}, {"Hunyuann", 1, true}, {"Hunyuen", 1, false},
		{"Kwen", 3, true}, {"Jamba", -1, false}, {"Wamba", -1, false}, {"Yi", -1, false}, {"01 AI", -1, false},
	} {
		got := x.match(soundKey(nil, []byte(tc.word)), nil)
		switch {
		case tc.idx < 0 && len(got) > 0:
			t.Errorf("%q matched %q", tc.word, got[0].entry.name)
		case tc.idx >= 0 && (len(got) == 0 || got[0].entry.idx != tc.idx || got[0].exact != tc.exact):
			t.Errorf("%q: got %+v, want entry %d exact %v", tc.word, got, tc.idx, tc.exact)
		}
	}
}

func TestCanonicalNames(t *testing.T) {
	cat, err := configs.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	an := New(cat)
	fam := func(id string) int {
		for i, f := range cat.Families {
			if f.ID == id {
				return i
			}
		}
		t.Fatalf("no family %s", id)
		return -1
	}
	for _, tc := range []struct {
		family, stem string
		parts        []part
		want         string
	}{
		{"qwen", "Qwen", []part{{sep: ' ', text: "2.5", kind: partVersion}, {sep: ' ', text: "72b", kind: partSize}, {sep: '-', text: "instruct", kind: partWord}}, "Qwen2.5-72B-Instruct"},
		{"deepseek", "DeepSeek", []part{{sep: ' ', text: "v3", kind: partCode}}, "DeepSeek-V3"},
		{"claude", "Claude", []part{{sep: '-', text: "3.5", kind: partVersion}, {sep: '-', text: "sonnet", kind: partWord}}, "Claude 3.5 Sonnet"},
		{"o-series", "o4", []part{{sep: ' ', text: "Mini", kind: partWord}}, "o4-mini"},
		{"mixtral", "Mixtral", []part{{sep: '-', text: "8x7b", kind: partSize}}, "Mixtral 8x7B"},
		{"flux", "FLUX", []part{{sep: '.', text: "1", kind: partVersion}, {sep: ' ', text: "Kontext", kind: partWord}}, "FLUX.1 Kontext"},
		{"qwen", "Qwen", []part{{sep: '-', text: "VL", kind: partWord}}, "Qwen-VL"},
	} {
		if got := string(an.c.appendCanonical(nil, fam(tc.family), tc.stem, tc.parts)); got != tc.want {
			t.Errorf("canonical name of %s %+v = %q, want %q", tc.stem, tc.parts, got, tc.want)
		}
	}
	for _, tc := range []struct{ family, name, want string }{
		{"qwen", "Qwen2.5-72B-Instruct", "Qwen2.5-72B"},
		{"qwen", "Qwen2.5-72B", "Qwen2.5"},
		{"qwen", "Qwen2.5", ""},
		{"kimi", "Kimi-K2-Instruct", "Kimi K2"},
		{"claude", "Claude 3.5 Sonnet", "Claude 3.5"},
		{"claude", "Claude Opus 4", ""},
		{"deepseek", "DeepSeek-R1-Distill-Qwen-32B", "DeepSeek-R1"},
		{"deepseek", "DeepSeek-V3", ""},
		{"glm", "GLM-4.5-Air", "GLM-4.5"},
	} {
		if got := an.parentName(tc.name, fam(tc.family)); got != tc.want {
			t.Errorf("parent of %s = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestModelID(t *testing.T) {
	for _, tc := range [][2]string{{"alibaba", "Qwen2.5-72B-Instruct"}, {"", "Zephyr 9B"}, {"lg", "엑사원 4.0"}, {"x", "--"}, {"Acme Labs", "A.X 4.0"}} {
		want := event.Slug(orUnknown(tc[0])) + "/" + event.Slug(tc[1])
		if got := modelID(tc[0], tc[1]); got != want {
			t.Errorf("modelID(%q, %q) = %q, want %q", tc[0], tc[1], got, want)
		}
	}
}

func orUnknown(v string) string {
	if v == "" {
		return "unknown"
	}
	return v
}

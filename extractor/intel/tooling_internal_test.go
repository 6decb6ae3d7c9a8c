package intel

import (
	"strings"
	"testing"

	"github.com/modelwire/modelwire/configs"
)

// TestToolVersion checks which names past a tool project's name are the
// project with a software version (dropped) and which are models of
// their own (kept).
func TestToolVersion(t *testing.T) {
	for _, tc := range []struct {
		name, project string
		version       bool
	}{
		{"WrenKit 3.2", "wrenkit", true},
		{"WrenKit-3.2.1", "wrenkit", true},
		{"FinchClas v2.6", "finchclas", true},
		{"WrenKit-V1.1", "wrenkit", true},
		{"Kite-OCR 4", "kiteocr", true},
		{"Kite-OCRv6", "kiteocr", false},       // a version glued on: a model of the toolkit
		{"WrenKit-82M", "wrenkit", false},      // a size
		{"WrenKit-VL", "wrenkit", false},       // a model under a longer name
		{"WrenKit 3.6 0522", "wrenkit", false}, // a dated checkpoint
		{"WrenKit", "wrenkit", false},
		{"Wren-7B", "wrenkit", false},
	} {
		if got := versionTail(pastFolded(tc.name, tc.project)); got != tc.version {
			t.Errorf("versionTail(pastFolded(%q, %q)) = %v, want %v", tc.name, tc.project, got, tc.version)
		}
	}
}

// TestPlaceholder checks which names no catalog knows are the anonymised
// rows of a comparison and which are names.
func TestPlaceholder(t *testing.T) {
	cat, err := configs.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	s := &state{an: New(cat)}
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"Top Open-source Model1", true},
		{"Top Close-source Model3", true},
		{"Open-source SOTA", true},
		{"Baseline A", true},
		{"Best Closed-source Model 2", true},
		{"Segment Anything Model", false}, // a word of a name
		{"Wren Model 2", false},
		{"Top Wren3D", false},
		{"Model", true},
		{"Finch-Baseline", false}, // one hyphenated name
	} {
		if got := s.placeholder(tc.name); got != tc.want {
			t.Errorf("placeholder(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFormatNamed checks which hub owners and repositories are named
// after a weight format (a converter or a port) and which are not.
func TestFormatNamed(t *testing.T) {
	cat, err := configs.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	an := New(cat)
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"mlx-community", true},
		{"onnx-community", true},
		{"mlx-audio", true},
		{"wren-gguf", true},
		{"finch-int4", true},
		{"acme-unsloth", false}, // a format spelt as a word names a project too
		{"dynamic-wren", false},
		{"wren-tts", false},
		{"acme-labs", false},
	} {
		if got := an.formatNamed(tc.name); got != tc.want {
			t.Errorf("formatNamed(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestToolBeside checks which words beside a project's name call it a
// tool: a tool noun, not a longer word that only ends in one (模型库 a
// model zoo, 数据库 a database, 仓库 a repository).
func TestToolBeside(t *testing.T) {
	cat, err := configs.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	an := New(cat)
	for _, tc := range []struct {
		text, name string
		want       bool
	}{
		{"图像识别套件FinchClas", "FinchClas", true},
		{"轻量级推理库 FinchKit", "FinchKit", true},
		{"the toolkit WrenKit", "WrenKit", true},
		{"WrenKit toolkit", "WrenKit", true},
		{"模型库 FinchLM", "FinchLM", false},
		{"向量数据库 FinchDB", "FinchDB", false},
		{"官方仓库 FinchTTS", "FinchTTS", false},
		{"知識庫 FinchQA", "FinchQA", false},
	} {
		s := &state{an: an, buf: []byte(tc.text)}
		i := strings.Index(tc.text, tc.name)
		if got := s.toolBeside(span{i, i + len(tc.name)}); got != tc.want {
			t.Errorf("toolBeside(%q in %q) = %v, want %v", tc.name, tc.text, got, tc.want)
		}
	}
}

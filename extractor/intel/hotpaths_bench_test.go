package intel_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
)

// benchAnalyze times Analyze on one made-up article.
func benchAnalyze(b *testing.B, a event.Article, tables []extractor.Table) {
	an := newAnalyzer(b)
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := a
		an.Analyze(&c, tables)
	}
}

// BenchmarkHeadingTable measures a table of many rows under a heading that
// names its benchmark, each row labelled with a language ("en", "zh"):
// every such label is resolved against the heading.
func BenchmarkHeadingTable(b *testing.B) {
	codes := strings.Fields("en zh ja ko vi de fr es it pt ru ar hi th id ms tr nl pl sv da fi no cs hu ro el he uk bg")
	rows := [][]extractor.Cell{{{Text: "Language"}, {Text: "Wren-7B"}, {Text: "Finch-8B"}}}
	for i := range 900 {
		rows = append(rows, []extractor.Cell{{Text: codes[i%len(codes)]}, {Text: fmt.Sprintf("%d.%d", 60+i%30, i%10)}, {Text: fmt.Sprintf("%d.%d", 55+i%30, i%7)}})
	}
	a := event.Article{Title: "Wren-7B", Language: "en", Text: "We release Wren-7B, an open AI language model with 7 billion parameters.\nResults on FLEURS\n"}
	benchAnalyze(b, a, []extractor.Table{{Heading: "Evaluation / Multilingual speech recognition results on FLEURS, word error rate by language for every model we trained and compared, lower is better", Rows: rows}})
}

// BenchmarkSocialLine measures a page written as one long line (no line
// breaks) naming vendors many times: each vendor name is checked for a
// row of community links on its line.
func BenchmarkSocialLine(b *testing.B) {
	var t strings.Builder
	t.WriteString("We release Wren-7B, an open AI language model with 7 billion parameters. ")
	for i := range 400 {
		fmt.Fprintf(&t, "Wren-7B beats Qwen3-8B from Alibaba and Llama 3.1 8B from Meta on task %d. ", i)
	}
	benchAnalyze(b, event.Article{Title: "Wren-7B", Language: "en", Text: t.String()}, nil)
}

// BenchmarkDefinedLines measures a long README naming many models no
// catalog knows, each opening a line of its own: every such model is
// looked up where it opens a line for a definition as a data set.
func BenchmarkDefinedLines(b *testing.B) {
	var t strings.Builder
	t.WriteString("We release the Wren model family, open AI language models with 7 billion parameters, trained with deep learning.\n")
	for i := range 300 {
		fmt.Fprintf(&t, "Wren%dX-%dB scores %d.%d on MMLU-Pro in our tests.\n", i, 1+i%9, 50+i%40, i%10)
	}
	benchAnalyze(b, event.Article{Title: "GitHub - wrenlab/Wren: Wren models", Language: "en", Text: t.String()}, nil)
}

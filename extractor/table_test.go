package extractor_test

import (
	"reflect"
	"testing"

	"github.com/modelwire/modelwire/extractor"
)

func tablesOf(t *testing.T, page string) []extractor.Table {
	t.Helper()
	doc, err := extractor.Parse([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	return extractor.Tables(doc)
}

// checkHeadings compares the tables' headings with want, in order.
func checkHeadings(t *testing.T, got []extractor.Table, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d tables, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Heading != w {
			t.Errorf("table %d heading %q, want %q", i, got[i].Heading, w)
		}
	}
}

func TestTables(t *testing.T) {
	got := tablesOf(t, `<html><body><p>intro</p>
<table><thead><tr><th>Model</th><th>MMLU</th></tr></thead>
<tbody><tr><td><b>Qwen2.5-72B</b></td><td> 86.1 </td></tr>
<tr><td>Llama-3.1-70B</td><td>83.6<table><tr><td>x</td></tr><tr><td>y</td></tr></table></td></tr></tbody></table>
<table><tr><td>layout only</td></tr></table></body></html>`)
	want := [][][]string{
		{{"Model", "MMLU"}, {"Qwen2.5-72B", "86.1"}, {"Llama-3.1-70B", "83.6"}},
		{{"x"}, {"y"}},
	}
	var texts [][][]string
	for _, tb := range got {
		texts = append(texts, tb.Texts())
	}
	if !reflect.DeepEqual(texts, want) {
		t.Fatalf("Tables =\n%q\nwant\n%q", texts, want)
	}
	if c := got[0].Rows[0][1]; !c.Header {
		t.Errorf("thead cell %+v not a header", c)
	}
	if c := got[0].Rows[1][0]; !c.Strong || c.Header {
		t.Errorf("bold body cell = %+v", c)
	}
	if c := got[0].Rows[2][0]; c.Strong {
		t.Errorf("plain cell %+v marked strong", c)
	}
}

// TestTablesMerged lays out merged cells as a reader sees them: a
// two-row header whose model spans its two modes, a benchmark group
// spanning its rows, footnote superscripts dropped and the caption kept.
func TestTablesMerged(t *testing.T) {
	got := tablesOf(t, `<table><caption>Results (%)</caption>
<tr><th rowspan="2">Group</th><th rowspan="2">Benchmark</th><th colspan="2">Qwen3-235B-A22B<sup>†</sup></th><th rowspan="2">GPT-4o<sup>1</sup></th></tr>
<tr><th>Thinking</th><th>Non-thinking</th></tr>
<tr><td rowspan="2">Math</td><td>AIME 2024</td><td><strong>85.7</strong></td><td>40.1</td><td>11.1</td></tr>
<tr><td>MATH-500</td><td>97.2</td><td>90.4</td><td>74.6<sup>a</sup></td></tr>
<tr><td colspan="5">Code</td></tr>
<tr><td>Agent</td><td>τ<sup>2</sup>-Bench</td><td>70.1</td><td>68.0</td><td>61.2</td></tr>
</table>`)
	if len(got) != 1 {
		t.Fatalf("%d tables", len(got))
	}
	tb := got[0]
	if tb.Caption != "Results (%)" {
		t.Errorf("caption %q", tb.Caption)
	}
	want := [][]string{
		{"Group", "Benchmark", "Qwen3-235B-A22B", "Qwen3-235B-A22B", "GPT-4o"},
		{"Group", "Benchmark", "Thinking", "Non-thinking", "GPT-4o"},
		{"Math", "AIME 2024", "85.7", "40.1", "11.1"},
		{"Math", "MATH-500", "97.2", "90.4", "74.6"},
		{"Code", "Code", "Code", "Code", "Code"},
		{"Agent", "τ2-Bench", "70.1", "68.0", "61.2"}, // a superscript inside a word stays
	}
	if texts := tb.Texts(); !reflect.DeepEqual(texts, want) {
		t.Fatalf("grid =\n%q\nwant\n%q", texts, want)
	}
	for _, tc := range []struct {
		r, c             int
		spanned, strong  bool
		colSpan, rowSpan int
	}{
		{0, 2, false, false, 2, 1},
		{0, 3, true, false, 1, 1},
		{1, 0, true, false, 1, 1},
		{0, 0, false, false, 1, 2},
		{2, 2, false, true, 1, 1},
		{3, 0, true, false, 1, 1},
		{4, 1, true, false, 1, 1},
	} {
		c := tb.Rows[tc.r][tc.c]
		if c.Spanned != tc.spanned || c.Strong != tc.strong || c.ColSpan != tc.colSpan || c.RowSpan != tc.rowSpan {
			t.Errorf("cell %d,%d = %+v", tc.r, tc.c, c)
		}
	}
	if !tb.Rows[1][2].Header || tb.Rows[2][2].Header {
		t.Errorf("header marks: %+v %+v", tb.Rows[1][2], tb.Rows[2][2])
	}
}

// TestTablesPipes reads Markdown tables a page shows as text (left
// unrendered inside a raw HTML block): header, delimiter and body rows
// of pipes, inline markup in a line of the source kept in its cell, links
// by their text, emphasis dropped; lines of pipes without a delimiter row
// and code blocks are no tables; a short row gets empty cells.
func TestTablesPipes(t *testing.T) {
	got := tablesOf(t, `<html><body><details><summary>Numbers</summary>

| Model | COCO AP<sub>50:95</sub> | Size<br>(M) |
| :--- | ---: | :-: |
| [Lumen-S](https://example.com) | **53.0** | 3.5 |
| sam2_hiera_t \| tiny | 48.1 |
a line after the table
</details>
<p>a | b | c</p>
<pre>| x | y |
|---|---|
| 1 | 2 |</pre></body></html>`)
	if len(got) != 1 {
		t.Fatalf("%d tables, want 1: %+v", len(got), got)
	}
	want := [][]string{
		{"Model", "COCO AP50:95", "Size (M)"},
		{"Lumen-S", "53.0", "3.5"},
		{"sam2_hiera_t | tiny", "48.1", ""}, // a short row is padded, as a renderer pads it
	}
	if texts := got[0].Texts(); !reflect.DeepEqual(texts, want) {
		t.Fatalf("grid =\n%q\nwant\n%q", texts, want)
	}
	if c := got[0].Rows[0][0]; !c.Header {
		t.Errorf("header cell %+v not a header", c)
	}
	if c := got[0].Rows[1][1]; !c.Strong || c.Header {
		t.Errorf("bold body cell = %+v", c)
	}
}

// TestTablesHeading gives each table the headings it stands under,
// outermost first; a new heading ends the deeper sections before it.
// TestTablesLead: a short bold paragraph right above a table titles it,
// after the headings; a paragraph of plain text, or one with text between
// it and the table, does not.
func TestTablesLead(t *testing.T) {
	got := tablesOf(t, `<h2>Results</h2>
<p><strong><a href="#">XNLI (Conneau et al., 2018)</a></strong></p>
<table><tr><td>a</td></tr><tr><td>1</td></tr></table>
<p><strong>GLUE</strong> <em>(dev set)</em></p>
<table><tr><td>b</td></tr><tr><td>2</td></tr></table>
<p>Scores on the dev set.</p>
<table><tr><td>c</td></tr><tr><td>3</td></tr></table>
<p><strong>MLQA</strong></p><p>Some words.</p>
<table><tr><td>d</td></tr><tr><td>4</td></tr></table>`)
	want := []string{"Results / XNLI (Conneau et al., 2018)", "Results / GLUE (dev set)", "Results", "Results"}
	checkHeadings(t, got, want)
}

// TestTablesTitleLead: a plain paragraph right above a table that is only
// a name, each word capitalised, titles it too; a sentence or a phrase of
// small words does not.
func TestTablesTitleLead(t *testing.T) {
	got := tablesOf(t, `<h3>Audio reasoning</h3>
<p>ZQBench</p>
<table><tr><td>a</td></tr><tr><td>1</td></tr></table>
<p>Grand Quiz Audio</p>
<table><tr><td>b</td></tr><tr><td>2</td></tr></table>
<p>Scores on the dev set</p>
<table><tr><td>c</td></tr><tr><td>3</td></tr></table>
<p>See Results Below.</p>
<table><tr><td>d</td></tr><tr><td>4</td></tr></table>`)
	want := []string{"Audio reasoning / ZQBench", "Audio reasoning / Grand Quiz Audio", "Audio reasoning", "Audio reasoning"}
	checkHeadings(t, got, want)
}

// TestTablesMarkdownLead: a README left as Markdown titles a table with a
// bold line right above it, over a table of pipes or of HTML.
func TestTablesMarkdownLead(t *testing.T) {
	got := tablesOf(t, `<h2>Results</h2>
<div>**XNLI (Conneau et al., 2018)**
| Model | average |
|---|---|
| a | 1 |
</div>
<div>
**MUGE Retrieval**:
<table><tr><td>b</td></tr><tr><td>2</td></tr></table>
Some **bold** words:
<table><tr><td>c</td></tr><tr><td>3</td></tr></table>
</div>`)
	want := []string{"Results / XNLI (Conneau et al., 2018)", "Results / MUGE Retrieval", "Results"}
	checkHeadings(t, got, want)
}

// TestTablesPipeTitleLead: a plain name line right above a Markdown table
// of pipes, a blank line between or none, titles it as it does an HTML
// table; a sentence above it does not.
func TestTablesPipeTitleLead(t *testing.T) {
	got := tablesOf(t, `<h2>Results</h2>
<div>ZQBench
| Model | Avg. |
|---|---|
| a | 1 |

Grand Quiz Audio

| Model | Accuracy |
|---|---|
| b | 2 |

Scores on the dev set are below.
| Model | Accuracy |
|---|---|
| c | 3 |
</div>`)
	want := []string{"Results / ZQBench", "Results / Grand Quiz Audio", "Results"}
	checkHeadings(t, got, want)
}

func TestTablesHeading(t *testing.T) {
	got := tablesOf(t, `<h1>Lumen</h1><h2>Benchmarks</h2><h3>MTEB</h3>
<table><tr><td>a</td></tr><tr><td>1</td></tr></table>
<h2>Speed</h2>
<table><tr><td>b</td></tr><tr><td>2</td></tr></table>`)
	want := []string{"Lumen / Benchmarks / MTEB", "Lumen / Speed"}
	checkHeadings(t, got, want)
}

package extractor

import (
	"reflect"
	"testing"
)

// A <br> inside a hyphenated name in a table cell is no line break of
// the name; between values, or before a list's "- ", it stays one.
func TestJoinWrappedNames(t *testing.T) {
	doc, err := Parse([]byte(`<html><body><table>
<tr><th>Model</th><th>GPT-4o<br>-Transcribe</th><th>Wren-2.5<br>-Pro</th><th>Orca-2.5-<br>Pro<br>-Max</th><th>Delta</th><th>Notes</th><th>Test<br>Split</th></tr>
<tr><td>WER</td><td>5.1</td><td>4.8</td><td>3.9</td><td>74.3<br>-2.1</td><td>fast<br>- small</td><td>1.0 -<br>2.0</td></tr>
</table><p>Line one<br>-flag stays</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Model", "GPT-4o-Transcribe", "Wren-2.5-Pro", "Orca-2.5-Pro-Max", "Delta", "Notes", "Test Split"},
		{"WER", "5.1", "4.8", "3.9", "74.3 -2.1", "fast - small", "1.0 - 2.0"},
	}
	tabs := Tables(doc)
	if len(tabs) != 1 {
		t.Fatalf("got %d tables", len(tabs))
	}
	if got := tabs[0].Texts(); !reflect.DeepEqual(got, want) {
		t.Errorf("cells = %q, want %q", got, want)
	}
	if got := text(doc); got != "Model GPT-4o-Transcribe Wren-2.5-Pro Orca-2.5-Pro-Max Delta Notes Test Split WER 5.1 4.8 3.9 74.3 -2.1 fast - small 1.0 - 2.0 Line one -flag stays" {
		t.Errorf("text = %q", got)
	}
}

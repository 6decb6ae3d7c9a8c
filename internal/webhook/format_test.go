package webhook_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/waittest"
	"github.com/modelwire/modelwire/internal/webhook"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The checks below are each product's documented incoming-webhook message,
// written from its documentation: the fields it accepts (decoding refuses
// any other) and the limits it states. Each is first run on the example
// in testdata/<format>.docs.json, a message written from the same
// documentation, so a check that refused the documented shape would fail
// there first.
//
//   - Slack: docs.slack.dev, "Sending messages using incoming webhooks",
//     Block Kit reference (blocks, text objects) and "Formatting text".
//   - Discord: discord.com/developers, Webhook resource, "Execute Webhook",
//     and Message resource, "Embed limits".
//   - Teams: learn.microsoft.com, "Create incoming webhooks" / "Send
//     Adaptive Cards using an Incoming Webhook" (Workflows take the same
//     message), and the Adaptive Cards schema at adaptivecards.io.
//   - Mattermost: developers.mattermost.com, "Incoming webhooks" and
//     "Message attachments".

// strictDecode decodes data into v, refusing fields v does not name.
func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON object")
	}
	return nil
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// Slack.

type slackText struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	Emoji    *bool  `json:"emoji"`
	Verbatim *bool  `json:"verbatim"`
}

type slackElement struct { // a context element: a text object or an image
	Type     string `json:"type"`
	Text     string `json:"text"`
	Emoji    *bool  `json:"emoji"`
	Verbatim *bool  `json:"verbatim"`
	ImageURL string `json:"image_url"`
	AltText  string `json:"alt_text"`
}

type slackBlock struct {
	Type      string          `json:"type"`
	BlockID   string          `json:"block_id"`
	Text      *slackText      `json:"text"`
	Fields    []slackText     `json:"fields"`
	Elements  []slackElement  `json:"elements"`
	Accessory json.RawMessage `json:"accessory"`
	ImageURL  string          `json:"image_url"`
	AltText   string          `json:"alt_text"`
	Title     *slackText      `json:"title"`
}

type slackMessage struct {
	Text        string          `json:"text"`
	Blocks      []slackBlock    `json:"blocks"`
	Attachments json.RawMessage `json:"attachments"`
	ThreadTS    string          `json:"thread_ts"`
	Mrkdwn      *bool           `json:"mrkdwn"`
	UnfurlLinks *bool           `json:"unfurl_links"`
	UnfurlMedia *bool           `json:"unfurl_media"`
}

// slackMarkup matches what mrkdwn reads in angle brackets: a link, a
// user, channel or group mention, or a special command like <!here>.
var slackMarkup = regexp.MustCompile(`<[^>]*>`)

func checkSlackText(t *testing.T, where string, tx slackText, limit int) {
	t.Helper()
	if tx.Type != "mrkdwn" && tx.Type != "plain_text" {
		t.Errorf("%s: text type %q", where, tx.Type)
	}
	if tx.Text == "" || runes(tx.Text) > limit {
		t.Errorf("%s: text of %d characters (1 to %d)", where, runes(tx.Text), limit)
	}
	if tx.Type == "plain_text" && tx.Verbatim != nil {
		t.Errorf("%s: verbatim on plain_text", where)
	}
	if tx.Type == "mrkdwn" {
		for _, m := range slackMarkup.FindAllString(tx.Text, -1) {
			if !strings.HasPrefix(m, "<http") && !strings.HasPrefix(m, "<example.com") { // the docs' example links a bare host
				t.Errorf("%s: %s in mrkdwn is a mention or command, not a link", where, m)
			}
		}
	}
}

func checkSlack(t *testing.T, data []byte) {
	var m slackMessage
	if err := strictDecode(data, &m); err != nil {
		t.Fatalf("not a Slack incoming-webhook message: %v", err)
	}
	if m.Text == "" {
		t.Errorf("no top-level text: notifications would be empty")
	}
	if len(m.Blocks) == 0 || len(m.Blocks) > 50 {
		t.Errorf("%d blocks (1 to 50)", len(m.Blocks))
	}
	for i, b := range m.Blocks {
		where := fmt.Sprintf("block %d (%s)", i, b.Type)
		switch b.Type {
		case "header":
			if b.Text == nil || b.Text.Type != "plain_text" {
				t.Fatalf("%s: header text must be plain_text", where)
			}
			checkSlackText(t, where, *b.Text, 150)
		case "section":
			if b.Text == nil && len(b.Fields) == 0 {
				t.Errorf("%s: neither text nor fields", where)
			}
			if b.Text != nil {
				checkSlackText(t, where, *b.Text, 3000)
			}
			if len(b.Fields) > 10 {
				t.Errorf("%s: %d fields (at most 10)", where, len(b.Fields))
			}
			for _, f := range b.Fields {
				checkSlackText(t, where+" field", f, 2000)
			}
		case "context":
			if len(b.Elements) == 0 || len(b.Elements) > 10 {
				t.Errorf("%s: %d elements (1 to 10)", where, len(b.Elements))
			}
			for _, e := range b.Elements {
				if e.Type == "image" {
					continue
				}
				checkSlackText(t, where+" element", slackText{Type: e.Type, Text: e.Text, Verbatim: e.Verbatim}, 3000)
			}
		case "divider", "image", "actions", "rich_text", "input", "file", "video":
		default:
			t.Errorf("%s: not a Block Kit block type", where)
		}
	}
}

// Discord.

type discordEmbed struct {
	Title       string `json:"title"`
	Type        string `json:"type"`
	Description string `json:"description"`
	URL         string `json:"url"`
	Timestamp   string `json:"timestamp"`
	Color       *int   `json:"color"`
	Footer      *struct {
		Text    string `json:"text"`
		IconURL string `json:"icon_url"`
	} `json:"footer"`
	Image     json.RawMessage `json:"image"`
	Thumbnail json.RawMessage `json:"thumbnail"`
	Author    *struct {
		Name    string `json:"name"`
		URL     string `json:"url"`
		IconURL string `json:"icon_url"`
	} `json:"author"`
	Fields []struct {
		Name   string `json:"name"`
		Value  string `json:"value"`
		Inline bool   `json:"inline"`
	} `json:"fields"`
}

type discordMessage struct {
	Content         string         `json:"content"`
	Username        string         `json:"username"`
	AvatarURL       string         `json:"avatar_url"`
	TTS             bool           `json:"tts"`
	Embeds          []discordEmbed `json:"embeds"`
	AllowedMentions *struct {
		Parse       []string `json:"parse"`
		Roles       []string `json:"roles"`
		Users       []string `json:"users"`
		RepliedUser bool     `json:"replied_user"`
	} `json:"allowed_mentions"`
	Components json.RawMessage `json:"components"`
	Flags      int             `json:"flags"`
	ThreadName string          `json:"thread_name"`
}

func checkDiscord(t *testing.T, data []byte) {
	var m discordMessage
	if err := strictDecode(data, &m); err != nil {
		t.Fatalf("not a Discord execute-webhook body: %v", err)
	}
	if m.Content == "" && len(m.Embeds) == 0 {
		t.Errorf("neither content nor embeds")
	}
	if runes(m.Content) > 2000 {
		t.Errorf("content of %d characters (at most 2000)", runes(m.Content))
	}
	if len(m.Embeds) > 10 {
		t.Errorf("%d embeds (at most 10)", len(m.Embeds))
	}
	if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions must parse nothing, so event text pings nobody: %+v", m.AllowedMentions)
	}
	total := 0
	for i, e := range m.Embeds {
		where := fmt.Sprintf("embed %d", i)
		if runes(e.Title) > 256 || runes(e.Description) > 4096 || len(e.Fields) > 25 {
			t.Errorf("%s: title %d, description %d characters, %d fields (256, 4096, 25 at most)", where, runes(e.Title), runes(e.Description), len(e.Fields))
		}
		total += runes(e.Title) + runes(e.Description)
		for _, f := range e.Fields {
			if f.Name == "" || f.Value == "" || runes(f.Name) > 256 || runes(f.Value) > 1024 {
				t.Errorf("%s: field %q=%q (name 1-256, value 1-1024 characters)", where, f.Name, f.Value)
			}
			total += runes(f.Name) + runes(f.Value)
		}
		if e.Footer != nil {
			if runes(e.Footer.Text) > 2048 {
				t.Errorf("%s: footer too long", where)
			}
			total += runes(e.Footer.Text)
		}
		if e.Color != nil && (*e.Color < 0 || *e.Color > 0xFFFFFF) {
			t.Errorf("%s: color %d", where, *e.Color)
		}
		if e.Timestamp != "" {
			if _, err := time.Parse(time.RFC3339, e.Timestamp); err != nil {
				t.Errorf("%s: timestamp %q is not ISO 8601", where, e.Timestamp)
			}
		}
	}
	if total > 6000 {
		t.Errorf("embeds hold %d characters (at most 6000)", total)
	}
}

// Teams.

type teamsFact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

type teamsElement struct {
	Type                string          `json:"type"`
	ID                  string          `json:"id"`
	Text                string          `json:"text"`
	Wrap                bool            `json:"wrap"`
	Weight              string          `json:"weight"`
	Size                string          `json:"size"`
	Color               string          `json:"color"`
	IsSubtle            bool            `json:"isSubtle"`
	Spacing             string          `json:"spacing"`
	Separator           bool            `json:"separator"`
	HorizontalAlignment string          `json:"horizontalAlignment"`
	MaxLines            int             `json:"maxLines"`
	Facts               []teamsFact     `json:"facts"`
	URL                 string          `json:"url"`
	AltText             string          `json:"altText"`
	Items               json.RawMessage `json:"items"`
	Columns             json.RawMessage `json:"columns"`
}

type teamsAction struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

type teamsMessage struct {
	Type        string `json:"type"`
	Attachments []struct {
		ContentType string  `json:"contentType"`
		ContentURL  *string `json:"contentUrl"`
		Content     struct {
			Schema  string          `json:"$schema"`
			Type    string          `json:"type"`
			Version string          `json:"version"`
			Body    []teamsElement  `json:"body"`
			Actions []teamsAction   `json:"actions"`
			MSTeams json.RawMessage `json:"msteams"`
		} `json:"content"`
	} `json:"attachments"`
}

func checkTeams(t *testing.T, data []byte) {
	var m teamsMessage
	if err := strictDecode(data, &m); err != nil {
		t.Fatalf("not a Teams incoming-webhook message: %v", err)
	}
	if len(data) > 28<<10 {
		t.Errorf("%d bytes; Teams takes at most 28 KB", len(data))
	}
	if m.Type != "message" || len(m.Attachments) != 1 {
		t.Fatalf("type %q with %d attachments, want a message with one card", m.Type, len(m.Attachments))
	}
	a := m.Attachments[0]
	if a.ContentType != "application/vnd.microsoft.card.adaptive" || a.Content.Type != "AdaptiveCard" ||
		a.Content.Schema != "http://adaptivecards.io/schemas/adaptive-card.json" {
		t.Errorf("not an Adaptive Card attachment: %q %q %q", a.ContentType, a.Content.Type, a.Content.Schema)
	}
	if !slices.Contains([]string{"1.0", "1.1", "1.2", "1.3", "1.4", "1.5"}, a.Content.Version) {
		t.Errorf("card version %q; Teams renders up to 1.5", a.Content.Version)
	}
	if len(a.Content.Body) == 0 {
		t.Errorf("empty card body")
	}
	for i, e := range a.Content.Body {
		switch e.Type {
		case "TextBlock":
			if e.Text == "" {
				t.Errorf("element %d: TextBlock without text", i)
			}
		case "FactSet":
			if len(e.Facts) == 0 {
				t.Errorf("element %d: FactSet without facts", i)
			}
			for _, f := range e.Facts {
				if f.Title == "" || f.Value == "" {
					t.Errorf("element %d: fact %+v", i, f)
				}
			}
		case "Image", "Container", "ColumnSet", "RichTextBlock", "ActionSet", "ImageSet":
		default:
			t.Errorf("element %d: %q is not an Adaptive Card element", i, e.Type)
		}
	}
	for _, act := range a.Content.Actions {
		if act.Type != "Action.OpenUrl" || act.Title == "" || !strings.HasPrefix(act.URL, "http") {
			t.Errorf("action %+v", act)
		}
	}
}

// Mattermost.

type mattermostMessage struct {
	Text        string `json:"text"`
	Channel     string `json:"channel"`
	Username    string `json:"username"`
	IconURL     string `json:"icon_url"`
	IconEmoji   string `json:"icon_emoji"`
	Type        string `json:"type"`
	Priority    json.RawMessage
	Props       json.RawMessage `json:"props"`
	Attachments []struct {
		Fallback   string `json:"fallback"`
		Color      string `json:"color"`
		Pretext    string `json:"pretext"`
		Text       string `json:"text"`
		AuthorName string `json:"author_name"`
		AuthorLink string `json:"author_link"`
		AuthorIcon string `json:"author_icon"`
		Title      string `json:"title"`
		TitleLink  string `json:"title_link"`
		Fields     []struct {
			Title string `json:"title"`
			Value any    `json:"value"`
			Short bool   `json:"short"`
		} `json:"fields"`
		ImageURL   string          `json:"image_url"`
		ThumbURL   string          `json:"thumb_url"`
		Footer     string          `json:"footer"`
		FooterIcon string          `json:"footer_icon"`
		Actions    json.RawMessage `json:"actions"`
	} `json:"attachments"`
}

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

func checkMattermost(t *testing.T, data []byte) {
	var m mattermostMessage
	if err := strictDecode(data, &m); err != nil {
		t.Fatalf("not a Mattermost incoming-webhook message: %v", err)
	}
	if m.Text == "" && len(m.Attachments) == 0 {
		t.Errorf("neither text nor attachments")
	}
	if runes(m.Text) > 16383 {
		t.Errorf("text of %d characters (a post holds at most 16383)", runes(m.Text))
	}
	for i, a := range m.Attachments {
		if a.Fallback == "" {
			t.Errorf("attachment %d: fallback is required", i)
		}
		if a.Color != "" && !hexColor.MatchString(a.Color) {
			t.Errorf("attachment %d: color %q", i, a.Color)
		}
		for _, f := range a.Fields {
			if f.Title == "" || f.Value == nil {
				t.Errorf("attachment %d: field %+v", i, f)
			}
		}
	}
}

var checks = map[string]func(*testing.T, []byte){
	webhook.FormatSlack:      checkSlack,
	webhook.FormatDiscord:    checkDiscord,
	webhook.FormatTeams:      checkTeams,
	webhook.FormatMattermost: checkMattermost,
}

// TestChatChecksAcceptTheDocumentedExamples runs each check on the
// product's own example.
func TestChatChecksAcceptTheDocumentedExamples(t *testing.T) {
	for format, check := range checks {
		t.Run(format, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", format+".docs.json"))
			if err != nil {
				t.Fatal(err)
			}
			check(t, data)
		})
	}
}

// sampleEvent is a release with everything a message can show, and text
// that tries to ping a channel, inject markup and break out of a link.
func sampleEvent() event.ReleaseEvent {
	v := 88.5
	t0 := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	return event.ReleaseEvent{Kind: event.KindRelease, Key: "deepseek.deepseek-v3", Vendor: "deepseek", Model: "DeepSeek-V3",
		FirstSeen: t0.Add(26 * time.Hour), PublishedAt: t0, Confidence: 0.9,
		Evidence:   "DeepSeek today released DeepSeek-V3, a mixture-of-experts model with 671B parameters. @channel <!here> **bold** [x](javascript:alert(1))",
		ArticleURL: "https://news.example/deepseek-v3?a=1&b=2|x>y", Title: "DeepSeek releases DeepSeek-V3 <b>now</b> @everyone",
		Sources: []string{"https://news.example/deepseek-v3"}, SeenAt: t0.Add(26 * time.Hour),
		ParamsTotalB: 671, ParamsActiveB: 37, License: "MIT", OpenWeights: true,
		Claims: []event.Claim{{Model: "DeepSeek-V3", Benchmark: "MMLU", Value: &v}}}
}

// hostile are strings from sampleEvent that must not reach each product as
// written.
var hostile = map[string][]string{
	webhook.FormatSlack:      {"<!here>", "<b>", "|x>y"},
	webhook.FormatDiscord:    {"[x](javascript", "**bold**", "|x>y"},
	webhook.FormatTeams:      {"[x](javascript", "**bold**"},
	webhook.FormatMattermost: {"@channel", "@everyone", "[x](javascript", "**bold**", "|x>y"},
}

func TestChatPayloads(t *testing.T) {
	ev := sampleEvent()
	data, err := event.Encode(ev)
	if err != nil {
		t.Fatal(err)
	}
	for format, check := range checks {
		t.Run(format, func(t *testing.T) {
			body, err := webhook.Payload(format, ev, data)
			if err != nil {
				t.Fatal(err)
			}
			check(t, body)
			golden := filepath.Join("testdata", format+".golden.json")
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, body, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			if *update {
				if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestChatPayloads -update)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("payload differs from %s (run with -update if intended):\n%s", golden, pretty.Bytes())
			}
			// Readable: the facts a channel needs are in the message.
			for _, want := range []string{"DeepSeek-V3", "deepseek", "2025-07-01", "90%", "671B parameters (37B active)", "MIT licence", "open weights", "mixture-of-experts"} {
				if !strings.Contains(string(body), want) {
					t.Errorf("payload lacks %q", want)
				}
			}
			// Hostile text stays text: no mention that notifies (Slack's
			// <!here>, Mattermost's @channel; Discord's are off through
			// allowed_mentions, checked above), no markup, no link made of
			// event text, no URL breaking out of its link.
			for _, bad := range hostile[format] {
				if strings.Contains(string(body), bad) {
					t.Errorf("payload carries %q unescaped", bad)
				}
			}
		})
	}
	t.Run("slack links the article", func(t *testing.T) {
		body, _ := webhook.Payload(webhook.FormatSlack, ev, data)
		if !strings.Contains(string(body), "<https://news.example/deepseek-v3?a=1&b=2%7Cx%3Ey|DeepSeek releases DeepSeek-V3 &lt;b&gt;now&lt;/b&gt; @everyone>") {
			t.Errorf("no escaped link to the article in %s", body)
		}
	})
	t.Run("json is the stored event", func(t *testing.T) {
		for _, f := range []string{"", webhook.FormatJSON} {
			body, err := webhook.Payload(f, ev, data)
			if err != nil || !bytes.Equal(body, data) {
				t.Errorf("format %q: %v, body changed", f, err)
			}
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		if _, err := webhook.Payload("irc", ev, data); err == nil {
			t.Error("no error")
		}
	})
	t.Run("corroboration reads differently", func(t *testing.T) {
		c := ev
		c.Kind = event.KindCorroboration
		body, _ := webhook.Payload(webhook.FormatSlack, c, data)
		if !strings.Contains(string(body), "Another source reports DeepSeek-V3") {
			t.Errorf("corroboration message: %s", body)
		}
	})
	t.Run("long text is cut to the limits", func(t *testing.T) {
		long := ev
		long.Model = strings.Repeat("M", 400)
		long.Evidence = strings.Repeat("很长的证据。", 2000)
		long.Title = strings.Repeat("T", 5000)
		for format, check := range checks {
			body, err := webhook.Payload(format, long, data)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(format, func(t *testing.T) { check(t, body) })
		}
	})
}

// TestWebhookPostsChatFormat delivers real events through NATS to a
// receiver configured as Slack: same consumer, same acks, the body is the
// chat message, and the signature signs what was sent.
func TestWebhookPostsChatFormat(t *testing.T) {
	js := bustest.Start(t)
	slack := newReceiver(t, 500) // the first attempt fails: retried like JSON
	hook := webhook.New(js, webhook.Config{URL: slack.URL, Format: webhook.FormatSlack, Secret: "s"},
		webhook.Options{Backoff: fastBackoff, Registerer: prometheus.NewRegistry()})
	waittest.Background(t, hook.Run)
	waitForConsumer(t, js, hook.Name())
	bustest.PublishRelease(t, js, "moonshot", "Kimi K2")
	waittest.Eventually(t, 10*time.Second, "a delivery accepted after a retry", func() bool {
		d := slack.deliveries()
		return len(d) == 2 && d[1].status == 200
	})
	for _, d := range slack.deliveries() {
		checkSlack(t, d.body)
		if !strings.Contains(string(d.body), "New release: Kimi K2 (moonshot)") {
			t.Errorf("body %s", d.body)
		}
		if err := webhook.VerifySignature("s", d.header.Get(webhook.HeaderSignature), d.header.Get(webhook.HeaderDelivery), d.body, time.Now(), 0); err != nil {
			t.Errorf("the signature does not sign the chat message: %v", err)
		}
	}
	bad := webhook.New(js, webhook.Config{URL: slack.URL + "/x", Format: "irc"}, webhook.Options{})
	if err := bad.Run(t.Context()); err == nil || !strings.Contains(err.Error(), `unknown format "irc"`) {
		t.Errorf("unknown format: %v", err)
	}
}

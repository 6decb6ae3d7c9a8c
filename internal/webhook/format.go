package webhook

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
)

// Payload formats of a webhook (Webhook.Format): modelwire's own event
// JSON, or the incoming-webhook message of a chat product, so a channel
// needs no relay.
const (
	FormatJSON       = "json"
	FormatSlack      = "slack"
	FormatDiscord    = "discord"
	FormatTeams      = "teams"
	FormatMattermost = "mattermost"
)

// Formats lists every payload format, the default first.
var Formats = []string{FormatJSON, FormatSlack, FormatDiscord, FormatTeams, FormatMattermost}

// Lengths that keep a chat message within what every product takes and
// short enough to read in a channel (Slack: 3000 characters per section,
// 150 per header; Discord: 256 per embed title, 1024 per field, 4096 per
// description, 2000 per message; Teams and Mattermost are roomier).
const (
	chatTitleRunes    = 150
	chatEvidenceRunes = 500
	chatLinkTextRunes = 200
)

// Payload returns the body to POST for ev in format; data is the event's
// JSON as stored in MW_RELEASES, sent unchanged for FormatJSON (and an
// empty format).
func Payload(format string, ev event.ReleaseEvent, data []byte) ([]byte, error) {
	var msg any
	switch format {
	case "", FormatJSON:
		return data, nil
	case FormatSlack:
		msg = slackMessage(newChatMessage(ev))
	case FormatDiscord:
		msg = discordMessage(newChatMessage(ev))
	case FormatTeams:
		msg = teamsMessage(newChatMessage(ev))
	case FormatMattermost:
		msg = mattermostMessage(newChatMessage(ev))
	default:
		return nil, fmt.Errorf("unknown webhook format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(msg); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

// chatMessage is what every chat format says about an event, as plain
// text; each format escapes it for its own markup.
type chatMessage struct {
	release   bool   // a new release, not a corroboration
	headline  string // "New release: DeepSeek-V3 (deepseek)"
	model     string
	vendor    string
	announced string // "2025-07-01"
	firstSeen string // "2025-07-02 10:04 UTC"
	when      time.Time
	// confidence is a percentage, "90%".
	confidence string
	facts      string // "671B parameters (37B active), MIT licence, open weights"
	sources    int
	link       string // the article behind the event (http or https, see linkSafe), or ""
	linkText   string
	evidence   string
}

func newChatMessage(ev event.ReleaseEvent) chatMessage {
	m := chatMessage{
		release:    ev.Kind != event.KindCorroboration,
		model:      ev.Model,
		vendor:     ev.Vendor,
		confidence: strconv.Itoa(int(ev.Confidence*100+0.5)) + "%",
		facts:      modelFacts(ev),
		sources:    max(len(ev.Sources), 1),
		evidence:   clipRunes(oneLine(ev.Evidence), chatEvidenceRunes),
		linkText:   clipRunes(oneLine(ev.Title), chatLinkTextRunes),
	}
	if m.release {
		m.headline = "New release: " + ev.Model + " (" + ev.Vendor + ")"
	} else {
		m.headline = "Another source reports " + ev.Model + " (" + ev.Vendor + ")"
	}
	m.headline = clipRunes(oneLine(m.headline), chatTitleRunes)
	m.when = ev.PublishedAt
	if m.when.IsZero() {
		m.when = ev.FirstSeen
	}
	if !m.when.IsZero() {
		m.announced = m.when.UTC().Format(time.DateOnly)
	}
	if !ev.FirstSeen.IsZero() {
		m.firstSeen = ev.FirstSeen.UTC().Format("2006-01-02 15:04 UTC")
	}
	if u, err := url.Parse(ev.ArticleURL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		m.link = linkSafe(u.String())
		if m.linkText == "" {
			m.linkText = clipRunes(u.Host+u.Path, chatLinkTextRunes)
		}
	}
	return m
}

// modelFacts lists what the article says of the model.
func modelFacts(ev event.ReleaseEvent) string {
	var parts []string
	if ev.ParamsTotalB > 0 {
		p := formatParams(ev.ParamsTotalB) + " parameters"
		if ev.ParamsActiveB > 0 {
			p += " (" + formatParams(ev.ParamsActiveB) + " active)"
		}
		parts = append(parts, p)
	}
	if ev.License != "" {
		parts = append(parts, ev.License+" licence")
	}
	if ev.OpenWeights {
		parts = append(parts, "open weights")
	}
	return strings.Join(parts, ", ")
}

// formatParams writes a parameter count in billions: "671B", "1.5B", "1T".
func formatParams(b float64) string {
	if b >= 1000 {
		return strconv.FormatFloat(b/1000, 'f', -1, 64) + "T"
	}
	return strconv.FormatFloat(b, 'f', -1, 64) + "B"
}

// details are the message's labelled lines, in order, without empty ones.
func (m chatMessage) details() [][2]string {
	var out [][2]string
	add := func(k, v string) {
		if v != "" {
			out = append(out, [2]string{k, v})
		}
	}
	add("Vendor", m.vendor)
	add("Model", m.model)
	add("Announced", m.announced)
	add("First seen", m.firstSeen)
	add("Confidence", m.confidence)
	add("Model facts", m.facts)
	add("Sources", strconv.Itoa(m.sources))
	return out
}

// summary is the message in one line of plain text, for notifications.
func (m chatMessage) summary() string {
	s := m.headline
	if m.announced != "" {
		s += ", announced " + m.announced
	}
	return s + ", confidence " + m.confidence
}

// plain is the summary and the link, for clients that show no formatting.
func (m chatMessage) plain() string {
	if m.link == "" {
		return m.summary()
	}
	return m.summary() + ": " + m.link
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// clipRunes shortens s to at most n runes, ending with "…" when cut.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// linkSafe percent-encodes the characters that end a link in chat markup
// (Slack's <url|text>, Markdown's (url)), so a URL cannot break out of it.
func linkSafe(u string) string {
	return strings.NewReplacer("|", "%7C", "<", "%3C", ">", "%3E", "(", "%28", ")", "%29", " ", "%20").Replace(u)
}

// Slack: an incoming webhook takes "text" (the notification and fallback)
// and Block Kit "blocks"; text objects of type mrkdwn need &, < and >
// escaped (docs.slack.dev, "Formatting text for app surfaces").

type slackPayload struct {
	Text   string       `json:"text"`
	Blocks []slackBlock `json:"blocks"`
}

type slackBlock struct {
	Type     string      `json:"type"`
	Text     *slackText  `json:"text,omitempty"`
	Fields   []slackText `json:"fields,omitempty"`
	Elements []slackText `json:"elements,omitempty"`
}

type slackText struct {
	Type  string `json:"type"` // "mrkdwn" or "plain_text"
	Text  string `json:"text"`
	Emoji bool   `json:"emoji,omitempty"`
}

var slackEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func slackMessage(m chatMessage) slackPayload {
	p := slackPayload{Text: slackEscape.Replace(m.plain())}
	p.Blocks = append(p.Blocks, slackBlock{Type: "header", Text: &slackText{Type: "plain_text", Text: m.headline}})
	var fields []slackText
	for _, d := range m.details() {
		fields = append(fields, slackText{Type: "mrkdwn", Text: "*" + d[0] + "*\n" + slackEscape.Replace(d[1])})
	}
	p.Blocks = append(p.Blocks, slackBlock{Type: "section", Fields: fields})
	if m.evidence != "" {
		p.Blocks = append(p.Blocks, slackBlock{Type: "section", Text: &slackText{Type: "mrkdwn", Text: "> " + slackEscape.Replace(m.evidence)}})
	}
	if m.link != "" {
		p.Blocks = append(p.Blocks, slackBlock{Type: "context", Elements: []slackText{{Type: "mrkdwn",
			Text: "Source: <" + m.link + "|" + slackEscape.Replace(strings.ReplaceAll(m.linkText, "|", "¦")) + ">"}}})
	}
	return p
}

// Discord: an execute-webhook body with "content" and "embeds"; no
// mention is parsed (allowed_mentions.parse empty), so a title saying
// "@everyone" pings nobody (discord.com/developers, "Execute Webhook").

type discordPayload struct {
	Content         string          `json:"content"`
	Embeds          []discordEmbed  `json:"embeds"`
	AllowedMentions discordMentions `json:"allowed_mentions"`
}

type discordEmbed struct {
	Title       string         `json:"title"`
	URL         string         `json:"url,omitempty"`
	Description string         `json:"description,omitempty"`
	Color       int            `json:"color"`
	Fields      []discordField `json:"fields"`
	Timestamp   string         `json:"timestamp,omitempty"`
	Footer      *discordFooter `json:"footer,omitempty"`
}

type discordField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline"`
}

type discordFooter struct {
	Text string `json:"text"`
}

type discordMentions struct {
	Parse []string `json:"parse"`
}

// markdownEscape escapes the characters Markdown (Discord's, Mattermost's,
// Adaptive Cards') reads as formatting; with the brackets escaped no link
// can be made of event text.
var markdownEscape = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`,
	">", `\>`, "#", `\#`, "[", `\[`, "]", `\]`)

// Embed colours: a new release stands out, a corroboration does not.
const (
	colorRelease       = 0x0B62D6
	colorCorroboration = 0x5C6670
)

func discordMessage(m chatMessage) discordPayload {
	e := discordEmbed{Title: m.headline, URL: m.link, Color: colorRelease, Footer: &discordFooter{Text: "modelwire"}}
	if !m.release {
		e.Color = colorCorroboration
	}
	if m.evidence != "" {
		e.Description = "> " + markdownEscape.Replace(m.evidence)
	}
	if m.link != "" {
		e.Description = strings.TrimSpace(e.Description + "\n\nSource: [" + markdownEscape.Replace(m.linkText) + "](" + m.link + ")")
	}
	for _, d := range m.details() {
		e.Fields = append(e.Fields, discordField{Name: d[0], Value: markdownEscape.Replace(d[1]), Inline: len(d[1]) < 40})
	}
	if !m.when.IsZero() {
		e.Timestamp = m.when.UTC().Format(time.RFC3339)
	}
	return discordPayload{Content: markdownEscape.Replace(m.summary()), Embeds: []discordEmbed{e}, AllowedMentions: discordMentions{Parse: []string{}}}
}

// Teams: a Workflows (or legacy connector) incoming webhook takes a
// message with one Adaptive Card attachment (learn.microsoft.com, "Send
// Adaptive Cards using an Incoming Webhook"); TextBlocks are plain text
// here (no Markdown parsing of event text: wrap only).

type teamsPayload struct {
	Type        string            `json:"type"`
	Attachments []teamsAttachment `json:"attachments"`
}

type teamsAttachment struct {
	ContentType string    `json:"contentType"`
	ContentURL  *string   `json:"contentUrl"`
	Content     teamsCard `json:"content"`
}

type teamsCard struct {
	Schema  string         `json:"$schema"`
	Type    string         `json:"type"`
	Version string         `json:"version"`
	Body    []teamsElement `json:"body"`
	Actions []teamsAction  `json:"actions,omitempty"`
}

type teamsElement struct {
	Type     string      `json:"type"` // TextBlock or FactSet
	Text     string      `json:"text,omitempty"`
	Wrap     bool        `json:"wrap,omitempty"`
	Weight   string      `json:"weight,omitempty"`
	Size     string      `json:"size,omitempty"`
	IsSubtle bool        `json:"isSubtle,omitempty"`
	Facts    []teamsFact `json:"facts,omitempty"`
}

type teamsFact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

type teamsAction struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// teamsText keeps Adaptive Card Markdown from reading event text as
// formatting.
func teamsText(s string) string { return markdownEscape.Replace(s) }

func teamsMessage(m chatMessage) teamsPayload {
	card := teamsCard{Schema: "http://adaptivecards.io/schemas/adaptive-card.json", Type: "AdaptiveCard", Version: "1.4"}
	card.Body = append(card.Body, teamsElement{Type: "TextBlock", Text: teamsText(m.headline), Wrap: true, Weight: "Bolder", Size: "Medium"})
	var facts []teamsFact
	for _, d := range m.details() {
		facts = append(facts, teamsFact{Title: d[0], Value: teamsText(d[1])})
	}
	card.Body = append(card.Body, teamsElement{Type: "FactSet", Facts: facts})
	if m.evidence != "" {
		card.Body = append(card.Body, teamsElement{Type: "TextBlock", Text: "“" + teamsText(m.evidence) + "”", Wrap: true, IsSubtle: true})
	}
	if m.link != "" {
		card.Actions = []teamsAction{{Type: "Action.OpenUrl", Title: clipRunes("Read: "+m.linkText, 80), URL: m.link}}
	}
	return teamsPayload{Type: "message", Attachments: []teamsAttachment{{ContentType: "application/vnd.microsoft.card.adaptive", Content: card}}}
}

// Mattermost: an incoming webhook takes Markdown "text" and Slack-style
// "attachments" (developers.mattermost.com, "Incoming webhooks", "Message
// attachments"). Text and attachments parse @mentions, so an '@' in event
// text is followed by a zero-width space: "@channel" in a title pings
// nobody.

type mattermostPayload struct {
	Text        string                 `json:"text"`
	Attachments []mattermostAttachment `json:"attachments"`
}

type mattermostAttachment struct {
	Fallback  string            `json:"fallback"`
	Color     string            `json:"color"`
	Title     string            `json:"title"`
	TitleLink string            `json:"title_link,omitempty"`
	Text      string            `json:"text,omitempty"`
	Fields    []mattermostField `json:"fields"`
	Footer    string            `json:"footer"`
}

type mattermostField struct {
	Short bool   `json:"short"`
	Title string `json:"title"`
	Value string `json:"value"`
}

func mattermostText(s string) string { return noMentions(markdownEscape.Replace(s)) }

func noMentions(s string) string { return strings.ReplaceAll(s, "@", "@\u200b") }

func mattermostMessage(m chatMessage) mattermostPayload {
	a := mattermostAttachment{Fallback: noMentions(m.plain()), Color: fmt.Sprintf("#%06X", colorRelease),
		Title: mattermostText(m.headline), TitleLink: m.link, Footer: "modelwire"}
	if !m.release {
		a.Color = fmt.Sprintf("#%06X", colorCorroboration)
	}
	if m.evidence != "" {
		a.Text = "> " + mattermostText(m.evidence)
	}
	for _, d := range m.details() {
		a.Fields = append(a.Fields, mattermostField{Short: len(d[1]) < 40, Title: d[0], Value: mattermostText(d[1])})
	}
	text := "**" + mattermostText(m.headline) + "**"
	if m.link != "" {
		text += " — [" + mattermostText(m.linkText) + "](" + m.link + ")"
	}
	return mattermostPayload{Text: text, Attachments: []mattermostAttachment{a}}
}

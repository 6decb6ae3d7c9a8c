package extractor

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// wordsYAML holds the phrases of each language the text extractor reads:
// words of a language are data, kept out of the code that uses them.
//
//go:embed words.yaml
var wordsYAML []byte

// wordLists is words.yaml as written: for each use, phrases by language.
type wordLists struct {
	StoryEnd          map[string][]string `yaml:"story_end"`
	PromoLabels       map[string][]string `yaml:"promo_labels"`
	SignUp            map[string][]string `yaml:"sign_up"`
	SignUpWhat        map[string][]string `yaml:"sign_up_what"`
	NewsletterVerbs   map[string][]string `yaml:"newsletter_verbs"`
	BioVerbs          map[string][]string `yaml:"bio_verbs"`
	Comments          map[string][]string `yaml:"comments"`
	CommentsUncounted map[string][]string `yaml:"comments_uncounted"`
	ProfileLabels     map[string][]string `yaml:"profile_labels"`
}

// wholeScript reports a language whose story_end phrases stand alone with
// punctuation and a count around them (endWhole): \W, which a Latin
// heading may hold around its phrase, takes in every character of their
// scripts (and Vietnamese letters with their marks).
func wholeScript(lang string) bool {
	switch lang {
	case "ja", "ko", "vi", "zh":
		return true
	}
	return false
}

// lexicon is words.yaml compiled into the matchers the extractor runs. It
// is built once by New and read only, so safe for concurrent use.
type lexicon struct {
	// endLatin and endWhole match a heading or short line that opens what
	// follows a story: endLatin in the Latin languages of story_end
	// (English is endMarker's), endWhole in the wholeScript ones, tried
	// only on a line with a rune beyond ASCII, which each of their phrases
	// holds.
	endLatin stemmedPattern
	endWhole *regexp.Regexp
	// promo matches the label a promoted link starts with ("Related:"),
	// always before a colon (see promoLabel).
	promo *regexp.Regexp
	// signUp, signUpWhat and newsletterVerb are the words of a newsletter
	// box; signUpStems rule out most texts before signUp runs.
	signUp, signUpWhat, newsletterVerb *regexp.Regexp
	signUpStems                        []string
	// comments matches a heading or a short line that opens the readers'
	// comments, which end a story whatever follows.
	comments *regexp.Regexp
	// bioVerbs are how an author's bio goes on after the name, matched
	// as written, between spaces.
	bioVerbs []string
	// profile matches a text that ends in a profile's sign-up label, in
	// a label's shape: with a colon (and a weekday, say, after it), or
	// alone (see profileBefore).
	profile *regexp.Regexp
}

// parseLexicon decodes and compiles a words.yaml.
func parseLexicon(data []byte) (*lexicon, error) {
	var w wordLists
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("decoding words: %w", err)
	}
	for name, byLang := range map[string]map[string][]string{
		"story_end": w.StoryEnd, "promo_labels": w.PromoLabels, "sign_up": w.SignUp,
		"sign_up_what": w.SignUpWhat, "newsletter_verbs": w.NewsletterVerbs, "bio_verbs": w.BioVerbs,
		"comments": w.Comments, "comments_uncounted": w.CommentsUncounted, "profile_labels": w.ProfileLabels,
	} {
		if err := checkPhrases(byLang); err != nil {
			return nil, fmt.Errorf("words %s: %w", name, err)
		}
	}
	latin, whole := splitScripts(w.StoryEnd)
	if len(latin) == 0 || len(whole) == 0 {
		return nil, fmt.Errorf("words story_end: no phrases in Latin or in whole-script languages")
	}
	for _, p := range whole {
		if ascii(p) {
			return nil, fmt.Errorf("words story_end: %q, of a whole-script language, is all ASCII", p)
		}
	}
	promoLatin, promoWhole := splitScripts(w.PromoLabels)
	profileLatin, profileWhole := splitScripts(w.ProfileLabels)
	signLatin, signWhole := splitScripts(w.SignUp)
	if len(promoLatin) == 0 || len(signLatin) == 0 {
		return nil, fmt.Errorf("words promo_labels, sign_up: no phrases in Latin-script languages")
	}
	lx := &lexicon{
		endWhole: regexp.MustCompile(`(?i)^[\s\p{P}\p{S}]*(` + alternation(whole) + `)[\s\p{P}\p{S}\d]*$`),
		promo: regexp.MustCompile(`(?i)^\W*(` + alternation(promoLatin) + `)\b[^:]{0,20}:` +
			orWhole(`^[\s\p{P}\p{S}]*(`, promoWhole, `)[^:：]{0,20}[:：]`)),
		signUp:         regexp.MustCompile(`(?i)\b(` + alternation(signLatin) + `)\b` + orWhole(`(`, signWhole, `)`)),
		signUpWhat:     regexp.MustCompile(`(?i)` + alternation(all(w.SignUpWhat))),
		newsletterVerb: regexp.MustCompile(`(?i)\b(` + alternation(all(w.NewsletterVerbs)) + `)\b`),
		signUpStems:    all(w.SignUp),
		bioVerbs:       all(w.BioVerbs),
		comments: regexp.MustCompile(`(?i)^\W*((\d+ )?(` + alternation(all(w.Comments)) + `)( \(\d+\))?|` +
			alternation(all(w.CommentsUncounted)) + `)\W*$`),
		profile: regexp.MustCompile(`(?i)(?:\b(?:` + alternation(profileLatin) + `)` + orWhole(`(?:`, profileWhole, `)`) +
			`)(?:\s*[:：]\s*(?:\p{L}+,?\s*)?|\s*)$`),
	}
	var err error
	if lx.endLatin, err = stemPhrases(`(?i)^\W*(`+alternation(latin)+`)\W*$`, latin); err != nil {
		return nil, err
	}
	return lx, nil
}

// checkPhrases reports a list with no phrase, or an empty or
// not lower-case one: an empty alternative would match every text.
func checkPhrases(byLang map[string][]string) error {
	if len(all(byLang)) == 0 {
		return fmt.Errorf("no phrases")
	}
	for lang, phrases := range byLang {
		for _, p := range phrases {
			if p == "" || p != strings.ToLower(p) || p != strings.TrimSpace(p) {
				return fmt.Errorf("%s: %q is not a trimmed lower-case phrase", lang, p)
			}
		}
	}
	return nil
}

// mustLexicon parses the embedded words.yaml, which a test keeps valid.
func mustLexicon() *lexicon {
	lx, err := parseLexicon(wordsYAML)
	if err != nil {
		panic(err) // words.yaml is embedded and tested: it cannot fail
	}
	return lx
}

// stemPhrases compiles pattern with phrases as its stems, reporting what
// mustStem would panic on.
func stemPhrases(pattern string, phrases []string) (p stemmedPattern, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("words: %v", r)
		}
	}()
	return mustStem(pattern, phrases...), nil
}

// splitScripts returns the phrases of byLang in Latin-script languages and
// in the wholeScript ones, each in language order.
func splitScripts(byLang map[string][]string) (latin, whole []string) {
	for _, lang := range languages(byLang) {
		if wholeScript(lang) {
			whole = append(whole, byLang[lang]...)
		} else {
			latin = append(latin, byLang[lang]...)
		}
	}
	return latin, whole
}

// all returns the phrases of every language of byLang, in language order.
func all(byLang map[string][]string) []string {
	var out []string
	for _, lang := range languages(byLang) {
		out = append(out, byLang[lang]...)
	}
	return out
}

// languages returns the keys of byLang, sorted.
func languages(byLang map[string][]string) []string {
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// orWhole returns the alternative "|open phrases close" of a pattern for
// the phrases of wholeScript languages, which stand without the word
// boundaries (\b) of Latin ones, or "" when there are none.
func orWhole(open string, phrases []string, close string) string {
	if len(phrases) == 0 {
		return ""
	}
	return "|" + open + alternation(phrases) + close
}

// alternation returns a pattern matching any of phrases literally.
func alternation(phrases []string) string {
	q := make([]string, len(phrases))
	for i, p := range phrases {
		q[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(q, "|")
}

// signUpCall reports whether s asks the reader to sign up for a newsletter.
func (lx *lexicon) signUpCall(s string) bool {
	l := strings.ToLower(s)
	if strings.Contains(l, "newsletter") && lx.newsletterVerb.MatchString(s) {
		return true
	}
	if !strings.Contains(l, "sign") && !strings.Contains(l, "subscri") && !strings.Contains(l, "regist") && !containsAny(l, lx.signUpStems) {
		return false
	}
	return lx.signUp.MatchString(s) && lx.signUpWhat.MatchString(s) || signUpHereRe.MatchString(s)
}

// signUpHeading reports whether t, the heading of a box, opens with a call
// to sign up or subscribe ("Subscribe to the Ledger", "Sign up for our
// free newsletters").
func (lx *lexicon) signUpHeading(t string) bool {
	loc := lx.signUp.FindStringIndex(t)
	return loc != nil && strings.IndexFunc(t[:loc[0]], unicode.IsLetter) < 0
}

// endLine reports a heading or short line that opens what follows a story,
// in any language endMarker or the lexicon know.
func (lx *lexicon) endLine(t string) bool {
	folded := foldCase(t)
	return endMarker.matchFolded(t, folded) || lx.endLatin.matchFolded(t, folded) || !ascii(t) && lx.endWhole.MatchString(t)
}

// promoLabel reports whether s starts with the label of a promoted link
// ("Related: …").
func (lx *lexicon) promoLabel(s string) bool {
	return strings.ContainsAny(s, ":：") && lx.promo.MatchString(s)
}

// ascii reports whether s holds only ASCII bytes.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// containsAny reports whether s holds one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

package extractor

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Patterns on an element's class and id, lower-cased and joined by a space.
// They follow Mozilla Readability's and trafilatura's lists, which the field
// has tuned on many sites, narrowed where they removed article text here.
var (
	// boilerplateRe names blocks that are never article text.
	boilerplateRe = regexp.MustCompile(`share|sharing|social|sociable|related|recommend|comment|disqus|cookie|consent|gdpr|newsletter|subscri|signup|sign-up|promo|advert|adslot|ad-slot|ad-container|adunit|ad-unit|dfp|sponsor|outbrain|taboola|sidebar|breadcrumb|footer|masthead|navbar|navigation|menu|popup|modal|overlay|toolbar|widget|most-popular|mostpopular|trending|read-more|readmore|more-stories|morestories|tags|tagcloud|taglist|topics|print|pagination|pager|paywall|login|banner|skip-link|author-bio|authorbio|about-author|byline|dateline|timestamp|published|meta-data|post-meta|article-meta|entry-meta|caption|credit|copyright|rating|vote|follow|donate|also-read|see-also|next-article|prev-article|jump|toc|table-of-contents|visually-hidden|sr-only|screen-reader|slideshow|gallery|carousel|video-player|videoplayer|jwplayer|podcast|teaser|aside|yarpp|jp-relatedposts|wp-block-latest`)
	// strongBoilerplateRe names blocks that are furniture even when their
	// class also says "content" or "article" (article-comments, share-body).
	strongBoilerplateRe = regexp.MustCompile(`comment|share|sharing|social|related|recommend|cookie|consent|newsletter|subscri|outbrain|taboola|advert|promo|breadcrumb|popup|modal|most-popular|more-stories|read-more|also-read|see-also|author-bio|about-author`)
	// contentRe names blocks that hold the article; a block matching it and
	// only the weaker boilerplate patterns is kept.
	contentRe = regexp.MustCompile(`article|story|entry|post-content|post-body|postbody|main-content|maincontent|body-text|bodytext|text|content|body|prose|rich-text|richtext|blog|hentry|h-entry|main`)
	// negativeRe lowers a candidate container's score (Readability's list).
	negativeRe = regexp.MustCompile(`-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu`)
	// positiveRe raises a candidate container's score (Readability's list).
	positiveRe = regexp.MustCompile(`article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story`)
	// hiddenClassRe names the utility classes that hide an element.
	hiddenClassRe = regexp.MustCompile(`(^|\s)(hidden|d-none|is-hidden|invisible)(\s|$)`)
	// displayNoneRe finds inline styles that hide an element.
	displayNoneRe = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)
)

// classID returns n's class and id, lower-cased, joined by a space.
func classID(n *html.Node) string {
	var class, id string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			class = a.Val
		case "id":
			id = a.Val
		}
	}
	if class == "" && id == "" {
		return ""
	}
	return strings.ToLower(class + " " + id)
}

// skipTags are elements whose content is never article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Nav: true, atom.Aside: true,
	atom.Footer: true, atom.Button: true, atom.Select: true,
	atom.Input: true, atom.Textarea: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Video: true, atom.Audio: true,
	atom.Picture: true, atom.Map: true, atom.Dialog: true, atom.Figure: true,
	atom.Figcaption: true, atom.Label: true, atom.Head: true, atom.Title: true,
	atom.Menu: true, atom.Header: true, atom.Time: false,
}

// junkRoles are ARIA roles of page furniture.
var junkRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"dialog": true, "alertdialog": true, "menu": true, "menubar": true, "toolbar": true,
	"search": true, "button": true, "tooltip": true,
}

// verdict is how sure junk is that an element is page furniture.
type verdict uint8

const (
	// content: not furniture as far as tag and attributes tell.
	content verdict = iota
	// weakJunk: a class or id that furniture often has ("meta", "rail",
	// "widget"); kept when the element holds several paragraphs of prose.
	weakJunk
	// hardJunk: never article text (scripts, navigation, hidden, comments,
	// share bars, related links).
	hardJunk
)

// junk judges whether the element n is page furniture rather than article
// text: by tag, ARIA role, hidden state, or — when useClass is set — its
// class and id.
func junk(n *html.Node, useClass bool) verdict {
	if n.Type != html.ElementNode {
		if n.Type == html.CommentNode {
			return hardJunk
		}
		return content
	}
	if skipTags[n.DataAtom] {
		return hardJunk
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Main {
		return content
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return hardJunk
		case "aria-hidden":
			if a.Val == "true" {
				return hardJunk
			}
		case "role":
			if junkRoles[strings.ToLower(a.Val)] {
				return hardJunk
			}
		case "style":
			if displayNoneRe.MatchString(a.Val) {
				return hardJunk
			}
		case "itemprop":
			if a.Val == "articleBody" || a.Val == "text" {
				return content
			}
		}
	}
	switch n.DataAtom {
	case atom.Article, atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Table:
		// Data tables carry classes like "player-2020" or "sortcell".
		return content
	}
	if !useClass {
		return content
	}
	ci := classID(n)
	switch {
	case ci == "":
		return content
	case hiddenClassRe.MatchString(ci):
		return hardJunk
	case !boilerplateRe.MatchString(ci):
		return content
	case strongBoilerplateRe.MatchString(ci):
		return hardJunk
	case contentRe.MatchString(ci):
		return content
	}
	return weakJunk
}

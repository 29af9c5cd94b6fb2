//! Boilerplate that features alone cannot tell from prose: a promo or a reprint notice is
//! written in sentences, with function words, just like the article. Each pattern below is
//! a phrase news sites use across publishers, not a string of one site. Every match names
//! its reason, which ends up in `Extracted.removed`.

use regex::Regex;
use std::sync::OnceLock;

/// One documented boilerplate pattern: the reason it is removed, the longest unit (in words)
/// it may condemn (a 200-word paragraph mentioning "newsletter" is still prose), the regex.
struct Pattern {
    reason: &'static str,
    max_words: usize,
    regex: &'static str,
}

const PATTERNS: &[Pattern] = &[
    // Ad slot labels left in a text render, in the languages of the stop-word list.
    Pattern {
        reason: "advertisement label",
        max_words: 3,
        regex: r"(?i)^(advertisement|advertising|ad|ads|sponsored( content)?|promoted( content)?|paid (post|content)|anzeige|werbung|publicité|publicidad|pubblicità|reklama|scroll to continue with content|continue reading below)[\s:.]*$",
    },
    // Newsletter and subscription promos ("Sign up for our tech newsletters", "Subscribe now").
    Pattern {
        reason: "newsletter or subscription promo",
        max_words: 60,
        regex: r"(?i)(sign(ing)? up (for|to)\b.{0,60}\b(newsletters?|alerts?|emails?|briefing|digest)|unsubscribe at any time|^subscribe\b|subscribe (now|today|here)\b|subscribe to (our|the) .{0,30}(newsletter|podcast|channel|feed)|\b(get|receive) (our|the) .{0,40}newsletters?|newsletter sign.?up|already (a )?subscriber|become a (member|subscriber)|support (our|independent) journalism|never miss (a|our|the)( top| latest)? (stor|articl|news|post)|consider supporting\b|\b(unseren?|unserem|zum) newsletter\b|newsletter (abonnieren|bestellen|anmelden)|(jetzt|gratis|kostenlos) (abonnieren|anmelden)\b|um (den artikel )?weiterzulesen|abonnez-vous|inscrivez-vous (à|a) (notre|la) (newsletter|lettre)|pour (lire la suite|accéder en illimité)|(suscríbete|suscríbase|suscribirse) (a|al)\b|para seguir leyendo|iscriviti alla newsletter|per continuare a leggere|assine (a|nossa) newsletter)",
    },
    // App and product promos ("Get more with <app>", "Download our app", "Learn more").
    Pattern {
        reason: "app or product promo",
        max_words: 25,
        regex: r"(?i)(^get more (with|from|of)\b|download (our|the) .{0,30}\bapp\b|get the .{0,20}\bapp\b|^learn more\b|^find out more\b|^click here\b|^tap here\b|^try (it )?(for )?free\b|^(free )?trial\b)",
    },
    // Share and social-button rows.
    Pattern {
        reason: "share buttons",
        max_words: 12,
        regex: r"(?i)^((share|share this( article| story| post)?|tweet|email|e-mail|print|pin( it)?|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|copy link|save|flipboard|messenger|google\+?|pinterest|tumblr|pocket|xing|like|loading|bewerten|teilen( sie dies)?( mit)?|gefällt mir|wird geladen|drucken|partager|imprimer|compartir|imprimir|condividi|stampa|compartilhar|delen)[\s|/•·,:.…]*)+$",
    },
    // A share row written out: "Click to share on Facebook (Opens in new window)" per button.
    Pattern {
        reason: "share buttons",
        max_words: 80,
        regex: r"(?i)^(click to (share|print|email|pin)\b[^()]{0,30}\(opens in new window\)\s*){2,}",
    },
    // Links to the original of a scraped or syndicated copy.
    Pattern {
        reason: "source link",
        max_words: 4,
        regex: r"(?i)^(source link|source|via|original article|read the original( article)?)[\s:.]*$",
    },
    // Syndication notices ("This article originally appeared on ...").
    Pattern {
        reason: "syndication notice",
        max_words: 40,
        regex: r"(?i)(this (article|story|post|piece|content) (was |is )?(originally |first )?(appeared|published|posted) (on|in|at|by)|originally (appeared|published) (on|in|at)|(is|was) republished (here )?(with|from|under))",
    },
    // Reprint and copyright notices.
    Pattern {
        reason: "copyright or reprint notice",
        max_words: 80,
        regex: r"(?i)(©|\(c\) ?(19|20)\d\d|copyright (©|\(c\)|(19|20)\d\d)|all rights reserved|personal,? non-?commercial use|reprints? (&|and) permissions|presentation-ready copies|may not be (re)?published|(reproduced|republished|copied|distributed|redistributed|rewritten)\b.{0,40}without (the )?(prior |express )?(written )?permission|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados)",
    },
    // Reading prompts and teasers ("Read more", "Continue reading", "Read the full story").
    Pattern {
        reason: "reading prompt",
        max_words: 8,
        regex: r"(?i)^(read more|continue reading|read the (full|whole|rest of the) (story|article)|read next|view (all|more)|see (all|more)|load more|show more|more stories)\b",
    },
    // Follow-us and social prompts.
    Pattern {
        reason: "social prompt",
        max_words: 20,
        regex: r"(?i)(^follow (us|me)\b|\bfollow us on\b|\blike us on facebook\b|join (us|the conversation) on\b|^(folgen sie uns|folgt uns|folge uns|suivez-nous|síguenos|seguici|siga-nos)\b)",
    },
    // Cookie and consent banners. A site speaking of its own cookies ("This website uses
    // cookies to improve your experience...") runs long, explaining kinds and opt-outs in
    // 90 words and more, and an article does not say it of itself.
    Pattern {
        reason: "cookie banner",
        max_words: 150,
        regex: r"(?i)(we use cookies|this (site|website) uses cookies)",
    },
    // Their buttons and links; short, since an article about privacy may name them.
    Pattern {
        reason: "cookie banner",
        max_words: 60,
        regex: r"(?i)(accept (all )?cookies|cookie (policy|settings|preferences))",
    },
    // Legal link rows at the foot of a page ("Privacy Policy | Terms of Use").
    Pattern {
        reason: "legal links",
        max_words: 10,
        regex: r"(?i)^((privacy( policy| settings)?|terms( of (use|service)| and conditions)?|contact( us)?|about( us)?|imprint|impressum|accessibility|sitemap|careers|advertise( with us)?)[\s|/•·,]*){2,}$",
    },
    // Account prompts.
    Pattern {
        reason: "account prompt",
        max_words: 6,
        regex: r"(?i)^(log ?in|sign ?in|log ?out|sign ?out|register|sign up|create (an )?account|my account|anmelden|einloggen|abmelden|registrieren|mein konto|se connecter|connexion|s'inscrire|mon compte|iniciar sesión|registrarse|mi cuenta|accedi|registrati|minha conta)\b",
    },
    // Boilerplate phrased alike on many sites: comment rules, legal disclaimers, appeals
    // for money or membership.
    Pattern {
        reason: "comment guidelines",
        max_words: 80,
        regex: r"(?i)(\bbe respectful (of|to(wards)?) (other )?(commenters|readers|users|members|others)\b|\b(comment(ing)?|community|submission|discussion) (guidelines|policy|rules|standards)\b|\bwe reserve the right to (remove|delete|edit|close)\b|^comments (are|will be) (moderated|closed|reviewed)\b)",
    },
    Pattern {
        reason: "legal disclaimer",
        max_words: 80,
        regex: r"(?i)(\bare (registered )?trademarks of\b|^consult (your|a) (physician|doctor|healthcare provider)\b|^\W*results (may )?vary\b|\b(is|are) (not|no) (intended|meant) (as|to be|to provide) (a substitute for )?(medical|financial|legal|professional|investment) advice\b|\bfor (general )?informational purposes only\b)",
    },
    Pattern {
        reason: "reader appeal",
        max_words: 80,
        regex: r"(?i)(^if you (enjoyed|liked|valued?|appreciated?) (reading )?(this|our) (article|story|post|piece|reporting|journalism)\b|\b(we|it) (cannot|can['’]t|could not) afford to\b|\bfar from free to produce\b|\b(make|consider making) a (contribution|donation)\b|^(please )?(donate|contribute) (now|today)\b)",
    },
    // Reporting credits and reporter contacts that close a news story, in the forms the
    // wire services and newspapers use: "Reporting by X; Editing by Y", "X contributed
    // reporting from Hong Kong.", "Associated Press writers X and Y contributed to this
    // report.", "Write to X at x@example.com", "Reach the reporter on Twitter at ...",
    // "Follow AP's full coverage of ... at https://...". They credit the article; they are
    // not its text.
    Pattern {
        reason: REPORTING_CREDIT,
        max_words: 50,
        regex: r"(?i)(^\W*((additional|extra|further) )?reporting by\s+(?-i:\p{Lu})|^\W*(writing|editing|compiled|graphics) by\s+(?-i:\p{Lu})|\bcontributed (reporting|to this (report|story|article))( from [^.!?]{1,60})?\W*$|^write to .{2,80}\bat\s+\S+@\S+|\b(may|can) be reached at\s+\S+@\S+|^(reach|contact) (the )?(reporters?|writers?|authors?)\b|^follow (ap['’]?s |our )?(full |complete )?coverage of\b|^more ap [^:]{2,30}:)",
    },
    // The filing line under a post: "Filed under: Politics |", "Tags: ...", "Posted in ...".
    Pattern {
        reason: TAG_LINE,
        max_words: 25,
        regex: r"(?i)^\W*(filed under|posted in|tagged( with)?|tags|categories|schlagwörter|schlagworte|étiquettes|etiquetas)\s*:",
    },
    // Reading-time labels ("5 min read", "Reading time: 4 minutes", "Lesezeit: 3 Min.").
    Pattern {
        reason: READING_TIME,
        max_words: 6,
        regex: r"(?i)^\W*((estimated )?(reading|read) time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura|czas czytania|leestijd)\s*:?\s*(ca\.?\s*)?\d+\s*(min|mins|minutes?|minuten|minutos?|minuti|minut|minuty)?\.?\s*$|^\W*\d+\s*(min|mins|minutes?)\.?\s+read\s*$",
    },
    // Photo and image credits ("Photo: Reuters", "Image credit: ...", "Fotos: Jane Roe",
    // "(Bild: John Doe)", "Crédit photo : AFP", a bare "Beitragsbild" label), in the
    // languages of the stop-word list.
    Pattern {
        reason: IMAGE_CREDIT,
        max_words: 12,
        regex: r"(?i)^\W*((photo|image|picture|credit|photograph|illustration|video|foto|bild|bildquelle|bildnachweis|fotonachweis|titelbild|beitragsbild|crédits?( photos?)?|crédit photo|fotografía|imagen)s?( credits?| source)?\s*[:|/©]|(beitragsbild|titelbild|symbolbild|symbolfoto|image illustrative)\W*$)",
    },
];

/// The reason given for a reporting credit ("Reporting by ...", "... contributed to this
/// report."); HTML extraction cuts the trailing run of these from a chosen body.
pub(crate) const REPORTING_CREDIT: &str = "reporting credit";

/// The reason given for a post's filing line ("Filed under: ...", "Tags: ...").
pub(crate) const TAG_LINE: &str = "tag or category line";

/// The reason given for a picture's credit line.
pub(crate) const IMAGE_CREDIT: &str = "image credit";

/// The reason given for a reading-time label.
pub(crate) const READING_TIME: &str = "reading time";

/// Each pattern's regex, in [`PATTERNS`]' order. Not a `RegexSet`: a set reports which of
/// its patterns match with an overlapping search that runs every pattern at once, where a
/// pattern whose word limit the text exceeds need not run at all. One `is_match` per
/// remaining pattern, in order, cut text-mode extraction's instructions by 38%
/// (docs/benchmarks.md, "Speed: session 14").
fn compiled() -> &'static [Regex] {
    static EACH: OnceLock<Vec<Regex>> = OnceLock::new();
    EACH.get_or_init(|| {
        PATTERNS
            .iter()
            .map(|p| Regex::new(p.regex).expect("boilerplate patterns are valid"))
            .collect()
    })
}

/// The reason a unit is boilerplate by pattern, if any: the first pattern, in order, that
/// matches within its word limit.
pub(crate) fn boilerplate_reason(text: &str, words: usize) -> Option<&'static str> {
    PATTERNS
        .iter()
        .zip(compiled())
        .find(|(pattern, regex)| words <= pattern.max_words && regex.is_match(text))
        .map(|(pattern, _)| pattern.reason)
}

fn reason_of(text: &str) -> Option<&'static str> {
    boilerplate_reason(text.trim(), text.split_whitespace().count())
}

/// What may follow a story's last sentence and is not its text: its credits and filing
/// line, and the promos set under it (newsletter, app, social, share and account
/// prompts). Promos are only taken at the end: inside an article the same words can be
/// a quote or a subject.
const CLOSING: &[&str] = &[
    REPORTING_CREDIT,
    TAG_LINE,
    "newsletter or subscription promo",
    "social prompt",
    "app or product promo",
    "share buttons",
    "account prompt",
    "comment guidelines",
    "legal disclaimer",
    "reader appeal",
];

/// The reason a paragraph that closes a story is one of its [`CLOSING`] labels.
pub(crate) fn closing_label(text: &str) -> Option<&'static str> {
    reason_of(text).filter(|reason| CLOSING.contains(reason))
}

/// Whether the one pattern named `reason` matches `text` within its word limit.
fn matches_pattern(text: &str, reason: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    PATTERNS
        .iter()
        .zip(compiled())
        .filter(|(pattern, _)| pattern.reason == reason)
        .any(|(pattern, regex)| words <= pattern.max_words && regex.is_match(text))
}

/// Whether a paragraph is a picture's credit line ("Foto: Jane Roe", "(Bild: John Doe)").
pub(crate) fn is_image_credit(text: &str) -> bool {
    matches_pattern(text, IMAGE_CREDIT)
}

/// Whether a paragraph is a reading-time label.
pub(crate) fn is_reading_time(text: &str) -> bool {
    matches_pattern(text, READING_TIME)
}

/// A news dateline opening a paragraph: the place in capitals, perhaps its state or country,
/// perhaps the agency, then a dash ("LONDON (AP) — ", "NEW YORK (Reuters) - ",
/// "BUFFALO, N.Y. — ", "BAAR, SWITZERLAND – "). Wire copy opens its first paragraph so;
/// menus, teasers and labels do not.
pub(crate) fn opens_with_dateline(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})?(?: \([A-Za-z][A-Za-z .&-]{0,30}\))? ?(?:—|–|--|-) \S",
        )
        .expect("valid dateline regex")
    })
    .is_match(text)
}

/// A link to another story set inside or under the article, label first ("Related: The ten
/// oddest moons", "See more: ..."): the label and a colon, then a headline. Judged after
/// the region (see `text::extract_text`): such lines sit between article paragraphs, so they
/// must not make their neighbours look like boilerplate.
pub(crate) fn is_inline_story_link(text: &str, words: usize) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(r"(?i)^\W*({READ_ALSO})\s*[:»]")).expect("valid story-link regex")
    });
    words <= 25 && re.is_match(text.trim())
}

/// "Read also" labels, in the languages of the stop-word list: before a colon they label
/// one story link ([`is_inline_story_link`]), alone on a line they head a list of them
/// ([`is_further_reading_heading`]). One list, so a language is added in one place.
const READ_ALSO: &str = r"related( (posts?|articles?|stories|story|content|coverage|reading|links?))?|read more|read also|also read|see more|see also|more on this( story)?|auch interessant|lesen sie (auch|hier|mehr)|lies auch|mehr zum thema|siehe auch|(à )?lire aussi|à lire également|voir aussi|(lee|lea|leer) (también|más)|ver también|leggi anche|vedi anche|leia (também|mais)|veja também|lees ook|zie ook";

/// The reason given for a further-reading section cut from the end of a body.
pub(crate) const FURTHER_READING: &str = "further-reading list after the article";

/// Fixed phrases sites put over lists of other stories (or of a post's tags, each a link to
/// other stories), besides the [`READ_ALSO`] labels.
const LIST_HEADINGS: &str = r"tags|schlagwörter|schlagworte|étiquettes|etiquetas|more stories|you (may|might) also like|recommended( (for you|reading|stories|articles))?|further reading|what to read next|(most (read|popular)|popular|trending)( (now|stories|articles))?|weitere (themen|artikel|beiträge|nachrichten|meldungen)|(empfohlene|ähnliche|verwandte|passende) (beiträge|artikel|themen)|mehr (zum thema|dazu|themen)|schon gelesen|das (könnte|dürfte) (dich|sie|euch) auch interessieren|vorschau auf den nächsten artikel|zum weiterlesen|vous aimerez aussi|sur le même (sujet|thème)|(articles|contenus) (similaires|associés|recommandés)|(noticias|artículos|contenidos?) relacionad[oa]s|contenido relacionado|te puede interesar|más noticias|(articoli|notizie) correlat[ei]|potrebbe interessarti|(notícias|artigos) relacionad[oa]s|saiba mais";

/// A heading that opens a further-reading section ("Related stories", "Weitere Themen",
/// "Das könnte Sie auch interessieren", "À lire aussi", "Te puede interesar"): what
/// follows it is other stories, not this one. The heading alone on its line: a
/// [`READ_ALSO`] label, one of the [`LIST_HEADINGS`], or a topical one ("More on the
/// harbour", "Weitere Informationen zum Hafen"), which may also head a section of the story
/// and is therefore only trusted near the end of a body.
pub(crate) fn is_further_reading_heading(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(r"(?i)^\W*({READ_ALSO}|{LIST_HEADINGS}|more (on|from|about) [^.!?]{{1,30}}|weitere (themen|artikel|beiträge|informationen|nachrichten|meldungen)( [^.!?]{{1,40}})?|mehr (zum thema|dazu|zu [^.!?]{{1,30}})( [^.!?]{{1,30}})?)\W*$")).expect("valid heading regex")
    });
    text.split_whitespace().count() <= 8 && re.is_match(text.trim())
}

/// The reason given for a list heading removed from inside a body.
pub(crate) const LIST_LABEL: &str = "heading of a list of other stories";

/// A fixed "other stories" heading alone on its line ("Mehr zum Thema", "Vous aimerez
/// aussi", "Related"): wherever it stands it labels a box of links, never the article's own
/// text. The topical headings of [`is_further_reading_heading`] are left out.
pub(crate) fn is_list_label(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(r"(?i)^\W*({READ_ALSO}|{LIST_HEADINGS})\W*$"))
            .expect("valid list-label regex")
    });
    text.split_whitespace().count() <= 8 && re.is_match(text.trim())
}

/// A picture caption: a line that ends with the picture's credit ("... (Photo: Jane Roe)",
/// "... Credit: City archive", "Photo by Jane Roe/Agency", a stock agency's name; renders
/// that drop the space between a caption and its credit span glue them: "...a
/// rabbitCredit: Getty", "...in New York.Reuters"), or that
/// starts with a caption label ("Photo caption ..."). Judged
/// after the region, like story links: captions stand between article paragraphs.
pub(crate) fn is_credited_caption(text: &str, words: usize) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(\(\s*((image|photo|picture|photograph)\s*)?(credit|courtesy|source)?s?\s*:[^()]{2,60}\)|\b((image|photo|picture) )?credits?\s*:[^.!?]{2,60}|\b(photo|image|picture)s?\s*:[^.!?]{2,60}|\bphoto(graph)? by [^.!?]{2,60}|\bgetty images|\bshutterstock|\bistock(photo)?|/\s*(ap|afp|reuters|epa)|(?-i:\p{Ll}Credits?)\s*:[^.!?]{2,60}|(?-i:\p{Ll}\.(AP|AFP|Reuters|EPA)))\s*$").expect("valid")
    });
    // Or a caption labelled first ("Picture caption: ...", "Photo copyright ...").
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let label = LABEL.get_or_init(|| {
        Regex::new(r"(?i)^\W*(image|photo|picture) (copyright|caption|source|credit)\b")
            .expect("valid")
    });
    let text = text.trim();
    words <= 60 && (re.is_match(text) || label.is_match(text))
}

/// Headings of the lists that follow an article ("Related phones", "Latest Stories", "You
/// may also like", "Comments"): after one, short and list-like units belong to the list.
pub(crate) fn is_section_end_heading(text: &str, words: usize) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)^(related( [a-z]+){0,2}|latest( [a-z]+)?|more (from|on|in|about|like this|stories|news|articles)\b.*|(you|we think you) (may|might|will|'ll) (also )?(like|enjoy|be interested in)|recommended( for you| stories| articles| reading)?|most (popular|read|viewed|shared|commented)|trending( now| stories| news)?|top stories|popular (posts|stories|articles)|what (others|people) are reading|(see|read) also|also (read|see|on [a-z]+)|further reading|more to (read|explore)|(leave|post|add) a (comment|reply)|comments?( \(\d+\))?|\d+ comments?|discussion|tags|topics|share this( article| story)?)[\s:.]*$").expect("valid")
    });
    words <= 6 && re.is_match(text.trim())
}

/// Signs of a reader-comment thread: forum profile lines, "unregistered", reply buttons.
pub(crate) fn is_comment_marker(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(^posts:\s*[\d,.]+|member since\b|^\d+\.\s*\S+\s+unregistered$|^(reply|flag|like|quote)(\s*[|·•]\s*(reply|report|flag|like|quote|share))*$|^report\s*[|·•]\s*(reply|flag|like|quote|share)$|^\d+\s+(repl(y|ies)|likes?|points?)$|^(joined|registered):?\s+\w+\s+\d)").expect("valid")
    });
    re.is_match(text.trim()) || is_comment_form_line(text)
}

/// The reply form under an article (blog software prints the same few lines on every
/// page): the e-mail privacy note, the required-fields note, "remember me" and "notify me"
/// boxes, a "cancel reply" link. Short lines only: an article may quote such a sentence.
fn is_comment_form_line(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(\be-?mail( address)? (will|is) (not|never) be (published|shared|displayed|made public)|\brequired fields are (marked|indicated)|\bnext time i (comment|post a comment)\b|^notify me (of|when|by e-?mail|via e-?mail)\b|\bcancel(ar)? (reply|resposta|respuesta)$|\be-?mail não será (publicado|divulgado))")
            .expect("valid")
    });
    let text = text.trim();
    text.split_whitespace().count() <= 25 && re.is_match(text)
}

/// "jdoe says:", "Anna on May 2, 2019 at 10:07 am said:", "Rating: 25 Votes": the line above
/// or below each reader comment. A colon must end a "says" line: a headline ("Minister
/// says") has none. An article may introduce a quote so ("In a statement, the firm said:"),
/// so the caller wants several of these before it sees a thread.
pub(crate) fn is_commenter_line(text: &str) -> bool {
    let text = text.trim();
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)(^.{1,100}\s(says|said|wrote|writes|replied):$|^(rating|score|votes?|points?):?\s*[-+]?\d+(\s+(votes?|points?))?$)")
            .expect("valid")
    });
    text.split_whitespace().count() <= 14 && re.is_match(text)
}

/// A numbered commenter line ("1. p51d007", "12. TheOracle1"): one handle after a number.
pub(crate) fn is_numbered_handle(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re =
        RE.get_or_init(|| Regex::new(r"^\d{1,4}\.\s+\S{2,40}(\s+unregistered)?$").expect("valid"));
    re.is_match(text.trim())
}

/// A line of a product spec box ("Display 5.2" 1080 x 1920 pixels", "Battery: 3350 mAh").
pub(crate) fn is_spec_line(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)^(display|screen|camera|cameras|processor|chipset|cpu|gpu|storage|memory|ram|battery|os|software|weight|dimensions|size|resolution|price|connectivity|sim|colou?rs?|audio|ports?|network)\b[\s:]+.*\d").expect("valid")
    });
    text.split_whitespace().count() <= 16 && re.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Option<&'static str> {
        boilerplate_reason(text, text.split_whitespace().count())
    }

    #[test]
    fn promos_and_notices_are_named() {
        assert_eq!(reason("Advertisement"), Some("advertisement label"));
        assert_eq!(reason("Anzeige"), Some("advertisement label"));
        assert_eq!(
            reason("Continue Reading Below"),
            Some("advertisement label")
        );
        assert_eq!(
            reason("For daily updates, sign up for our morning newsletter and podcast."),
            Some("newsletter or subscription promo")
        );
        assert_eq!(
            reason("Sign Up for e-mail newsletters"),
            Some("newsletter or subscription promo")
        );
        assert_eq!(
            reason("No spam, we promise. You can unsubscribe at any time."),
            Some("newsletter or subscription promo")
        );
        assert_eq!(
            reason("Get more with NewsPlus"),
            Some("app or product promo")
        );
        assert_eq!(reason("Learn more"), Some("app or product promo"));
        assert_eq!(reason("Share | Tweet | Email"), Some("share buttons"));
        assert_eq!(reason("Source link"), Some("source link"));
        assert_eq!(
            reason("This story originally appeared on Example Wire"),
            Some("syndication notice")
        );
        assert_eq!(
            reason("© 2019 Example Media. All rights reserved."),
            Some("copyright or reprint notice")
        );
        assert_eq!(reason("Photo: Reuters"), Some("image credit"));
        // The same prompts in the other languages of the stop-word list.
        assert_eq!(
            reason("Mit unserem Newsletter erhalten Sie monatlich Informationen."),
            Some("newsletter or subscription promo")
        );
        assert_eq!(
            reason("Pour lire la suite et accéder gratuitement à 3 articles par mois"),
            Some("newsletter or subscription promo")
        );
        assert_eq!(
            reason("Teilen mit:FacebookGoogleGefällt mir:Gefällt mir Wird geladen..."),
            Some("share buttons")
        );
        assert_eq!(reason("Folgen Sie uns auf Twitter"), Some("social prompt"));
        assert_eq!(reason("Se connecter"), Some("account prompt"));
        let notice = format!(
            "This website uses cookies to improve your experience while you navigate. {}",
            "Necessary cookies are stored in your browser as they are essential. ".repeat(8)
        );
        assert!(notice.split_whitespace().count() > 60);
        assert_eq!(reason(&notice), Some("cookie banner"));
        let article = format!(
            "The regulator said the company changed its cookie policy in May. {}",
            "Officials will review the complaints filed by users in three countries. ".repeat(6)
        );
        assert_eq!(reason(&article), None);
    }

    #[test]
    fn prose_is_left_alone() {
        assert_eq!(
            reason("The company said it would launch the phone in Spain next month."),
            None
        );
        assert_eq!(reason("Share prices rose after the announcement."), None);
        let long = "word ".repeat(100) + "subscribe to the service";
        assert_eq!(
            reason(&long),
            None,
            "long prose is not condemned by one phrase"
        );
    }

    #[test]
    fn list_headings_comments_and_specs_are_recognised() {
        assert!(is_section_end_heading("Related Articles", 2));
        assert!(is_section_end_heading("Latest News", 2));
        assert!(is_section_end_heading("You may also like", 4));
        assert!(!is_section_end_heading(
            "Related companies said they would follow",
            6
        ));
        assert!(is_comment_marker("Posts: 12; Member since: Jan 2, 2011"));
        assert!(is_comment_marker("4. someone unregistered"));
        assert!(is_commenter_line("margoadams says:"));
        assert!(is_commenter_line("4. C. M. says:"));
        assert!(is_commenter_line("Anna on May 2, 2019 at 10:07 am said:"));
        assert!(is_commenter_line("Rating: 25 Votes"));
        assert!(!is_commenter_line("Minister says"));
        // An embedded post has a lone "Report" button; it says nothing about a thread.
        assert!(!is_comment_marker("Report"));
        assert!(!is_comment_marker(
            "The report, published on Monday, said the plan would fail. Its authors wrote:"
        ));
        assert!(is_numbered_handle("3. reader_42"));
        // Captions end with the picture's credit; a sentence about a photo does not.
        assert!(is_credited_caption(
            "Volunteers plant oaks by the river (Photo: Sam Doe)",
            9
        ));
        assert!(is_credited_caption(
            "The bridge at dawn, before the repairs began. Credit: Town archive",
            11
        ));
        assert!(is_credited_caption("Photo by Kim Lee/AFP", 4));
        // A render that dropped the space before the credit span.
        assert!(is_credited_caption(
            "The hunter ate a rabbitCredit: Getty - Contributor",
            8
        ));
        assert!(is_credited_caption(
            "The logo outside a co-working space in New York.Reuters",
            9
        ));
        assert!(!is_credited_caption(
            "The council met the Credit Union's board on Tuesday.",
            9
        ));
        assert!(!is_credited_caption(
            "The agency said the photo by the river was taken in 1950.",
            12
        ));
        // A labelled link to another story, in a sentence-free line.
        assert!(is_inline_story_link(
            "Lesen Sie hier: Spielabbruch in der Kreisliga",
            7
        ));
        assert!(is_inline_story_link(
            "À lire aussi » Ballonnements, lourdeurs",
            6
        ));
        assert!(is_inline_story_link(
            "Related stories: Five rivers that changed their course",
            7
        ));
        assert!(is_inline_story_link(
            "SEE ALSO : The museum that opens at midnight",
            8
        ));
        assert!(!is_inline_story_link(
            "Related companies: none of them replied.",
            6
        ));
        // Reply-form lines mark the thread below an article.
        assert!(is_comment_form_line(
            "We never share it: your e-mail address will not be displayed."
        ));
        assert!(is_comment_form_line(
            "Fields that are required fields are indicated *"
        ));
        assert!(is_comment_form_line("Notify me when someone answers"));
        assert!(is_comment_form_line("Write a response Cancel reply"));
        assert!(!is_comment_form_line(
            "Regulators said the address will not be published until the inquiry ends, and the firm agreed."
        ));
        assert!(!is_numbered_handle("3. The company said"));
        assert!(is_spec_line("Battery: 4000 mAh"));
        assert!(is_spec_line("Camera 48 MP / 16 MP front"));
        assert!(!is_spec_line("Battery life was a concern"));
    }

    #[test]
    fn captions_labelled_first_are_captions() {
        assert!(is_credited_caption(
            "Picture caption The mayor opens the new library on Saturday",
            10
        ));
        assert!(!is_credited_caption(
            "Pictures of the flood were shared widely on Saturday",
            9
        ));
    }

    #[test]
    fn credits_filing_lines_and_reading_times_are_named() {
        for credit in [
            "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly",
            "(Reporting by Jane Roe; Editing by John Doe)",
            "Keith Bradsher contributed reporting from Hong Kong.",
            "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
            "Write to Al Root at allen.root@dowjones.com",
            "Reach the reporters on Twitter at http://twitter.com/someone",
            "Follow AP\u{2019}s full coverage of Brexit at https://www.apnews.com/Brexit",
            "More AP NBA: https://apnews.com/NBA",
            "Have a tip? Jane Roe may be reached at jroe@example.com. Follow her on Twitter.",
        ] {
            assert_eq!(reason(credit), Some(REPORTING_CREDIT), "{credit}");
        }
        for prose in [
            "Reporting by local papers shaped the debate for months.",
            "Everyone on the team contributed, the coach said.",
            "She wrote to the council at the start of the year.",
            "The summit may be reached at dawn by the northern path.",
        ] {
            assert_eq!(reason(prose), None, "{prose}");
        }
        assert_eq!(reason("Filed under: Khawarij |"), Some(TAG_LINE));
        assert_eq!(reason("Tags: harbour, council, budget"), Some(TAG_LINE));
        assert_eq!(reason("The tags were sewn on by hand."), None);
        for label in [
            "Tempo de leitura: 1 minuto",
            "5 min read",
            "Lesezeit: ca. 3 Min.",
            "Reading time: 4 minutes",
        ] {
            assert_eq!(reason(label), Some(READING_TIME), "{label}");
        }
        assert_eq!(reason("Reading time matters to editors, she said."), None);
    }

    #[test]
    fn wire_datelines_open_a_paragraph() {
        for opening in [
            "LONDON (AP) — Britain's Conservative Party was accused on Wednesday.",
            "NEW YORK (Reuters) - Oil prices fell sharply on Tuesday.",
            "BUFFALO, N.Y. — Hours before the game, the coach spoke.",
            "ST. JOSEPH, Mich. (AP) — Health authorities report a sixth death.",
            "BAAR, SWITZERLAND – Ascom announces a partnership.",
            "BERLIN -- The agency says astronauts could sleep on the way to Mars.",
        ] {
            assert!(opens_with_dateline(opening), "{opening}");
        }
        for other in [
            "ATTEND a two-day symposium with an Olympic rider.",
            "Home - News - Sport",
            "The harbour board (HB) - a council body - met on Monday.",
            "UPDATE: the vote was moved to Friday.",
            "London - Paris - Berlin",
        ] {
            assert!(!opens_with_dateline(other), "{other}");
        }
    }

    #[test]
    fn comment_rules_disclaimers_and_reader_appeals_are_boilerplate() {
        let reason = |text: &str| boilerplate_reason(text, text.split_whitespace().count());
        for (text, expected) in [
            ("As you comment, please be respectful of other commenters and other viewpoints.", "comment guidelines"),
            ("Comments are subject to our community guidelines, which can be viewed here.", "comment guidelines"),
            ("Comments are closed.", "comment guidelines"),
            ("Apple logo and iPhone are registered trademarks of Apple Inc.", "legal disclaimer"),
            ("Consult your physician before beginning any exercise program.", "legal disclaimer"),
            ("This article is for informational purposes only.", "legal disclaimer"),
            ("If you enjoyed this article, we have a proposition for you: join us.", "reader appeal"),
            ("If you enjoyed reading this post, please pass it on to a friend.", "reader appeal"),
            ("We do this work at no cost to you, but it is far from free to produce.", "reader appeal"),
            ("Click to share on Facebook (Opens in new window) Click to share on Reddit (Opens in new window)", "share buttons"),
        ] {
            assert_eq!(reason(text), Some(expected), "{text}");
        }
        for prose in [
            "The council said the rules for the harbour would be respectful of the fishermen.",
            "Results from the vote were announced on Tuesday.",
            "The trademark dispute went to court in March.",
            "She enjoyed this article's premise, the critic wrote, but not its ending.",
            "Comments from residents were overwhelmingly positive, the mayor said.",
        ] {
            assert_eq!(reason(prose), None, "{prose}");
        }
    }
}

//! Function words: the share of them in a block is the strongest single sign of running
//! prose (jusText's insight). Boilerplate (menus, labels, names) has few; sentences have many.
//!
//! English is the main list; a small set of the most frequent function words of German,
//! French, Spanish, Italian, Portuguese, Dutch, Polish and Indonesian/Malay lets prose in those languages pass
//! too. Words shared by several languages appear once.

use std::collections::HashSet;
use std::sync::OnceLock;

const ENGLISH: &str = "a about above after again against all also am an and any are as at be \
because been before being below between both but by can could did do does doing down during \
each even few for from further had has have having he her here hers herself him himself his how \
i if in into is it its itself just like may me might more most much must my myself no nor not \
now of off on once only or other our ours ourselves out over own said same says she should since \
so some such than that the their theirs them themselves then there these they this those through \
to too under until up upon us very was we were what when where whether which while who whom \
whose why will with within without would you your yours yourself yet however although though \
already still many every another around among against across according since its whose";

const OTHER_LANGUAGES: &str = "der die das und ist nicht ein eine einen zu den von mit sich des \
auf für im dem auch es als wie bei aus er sie nach wird noch wurde sind hat oder aber nur um \
werden kann über vor le la les de des et est un une du en que qui dans pour pas sur au avec il \
elle ce se sont par plus ou mais été aux cette el los las del y que una es por con para se su \
al lo como más pero sus le ya o fue este ha si porque esta entre cuando muy sin sobre también \
il di che è per non una sono della gli nel alla anche da dei con più ma come questo o em não \
uma os com para mais como foi ao pelo pela são het een van en ik te dat op zijn voor met niet \
aan er maar om ook als bij nog wel naar kan dan w i na z się nie do to że jest o jak po tak \
ale za od przez jego czy może być e do da dos das um à ou seu sua nos nas ele ela já \
muito está tem yang dan di ke dari ini itu untuk dengan tidak ada dalam akan pada juga karena \
saya kita atau oleh sudah bisa adalah seperti telah bahwa mereka kami";

fn set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        ENGLISH
            .split_whitespace()
            .chain(OTHER_LANGUAGES.split_whitespace())
            .collect()
    })
}

/// Whether a lower-cased word is a function word of one of the known languages.
pub(crate) fn is_stop_word(lowercase_word: &str) -> bool {
    set().contains(lowercase_word)
}

/// Frequent English words that are not words of the other languages listed above ("of",
/// "is", "was", "for" and "to" are Dutch, German, Scandinavian or Polish words too).
const ENGLISH_MARKERS: [&str; 12] = [
    "the", "and", "that", "with", "this", "from", "which", "were", "have", "has", "are", "been",
];

/// In English prose these dozen words are about one word in eight; in other languages
/// they only come with quoted English. One in twenty is the line between the two.
const ENGLISH_MARKER_SHARE: f64 = 0.05;

/// Whether running text is written in English, judged by its share of English-only
/// function words (a text of fewer than 20 words is not judged: false).
pub(crate) fn is_english(text: &str) -> bool {
    let mut words = 0usize;
    let mut markers = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if ENGLISH_MARKERS
            .iter()
            .any(|marker| word.eq_ignore_ascii_case(marker))
        {
            markers += 1;
        }
    }
    words >= 20 && markers as f64 >= ENGLISH_MARKER_SHARE * words as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_of_several_languages_are_known() {
        for w in ["the", "which", "und", "les", "porque", "się", "yang", "não"] {
            assert!(is_stop_word(w), "{w}");
        }
        assert!(!is_stop_word("smartphone"));
    }

    #[test]
    fn english_prose_is_told_from_other_languages() {
        let english = "The harbour board approved the new quay after a long debate, and work \
            starts in spring with the dredging of the channel that has been planned for years.";
        let german = "Der Hafenrat hat den neuen Kai nach langer Debatte genehmigt; die Arbeiten \
            beginnen im Frühjahr mit dem Ausbaggern der Fahrrinne, die seit Jahren geplant ist.";
        let dutch = "Het havenbestuur heeft de nieuwe kade goedgekeurd na een lang debat, en het \
            werk begint in het voorjaar met het baggeren van de vaargeul die al jaren is gepland.";
        assert!(is_english(english));
        assert!(!is_english(german));
        assert!(!is_english(dutch));
        assert!(!is_english("The quay."), "too short to judge");
    }
}

//! Shingle hashing and MinHash signatures for [`crate::DedupIndex`].
//!
//! One 64-bit hash per shingle, computed from per-word xxh3 hashes (no string is built per
//! word or shingle), then datasketch's default `affine32` scheme: the shingle hash's low 32
//! bits pre-mixed by the MurmurHash3 finaliser, and permutation k is `a_k * h + b_k` in
//! wrapping u32 arithmetic with odd `a_k`. The permutation parameters come from
//! [`Permutations::new`] (splitmix64 of the index) so the Python benchmark can be handed
//! exactly the same ones (`examples/minhash_lsh.rs --permutations`).

use xxhash_rust::xxh3::xxh3_64;

use crate::text::mix64;

/// Hash of one word, lowercased: ASCII words are lowercased on a stack buffer; others go
/// through `str::to_lowercase`, so the hash equals that of [`crate::text::words`]' output.
pub fn word_hash(word: &str) -> u64 {
    if word.is_ascii() && word.len() <= 64 {
        let mut buffer = [0u8; 64];
        let bytes = &mut buffer[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        xxh3_64(bytes)
    } else {
        xxh3_64(word.to_lowercase().as_bytes())
    }
}

/// Appends the hashes of the lowercased alphanumeric words of `text` (the words of
/// [`crate::text::words`]) to `out`. ASCII text (most paragraphs) is split byte by byte.
pub fn push_word_hashes(text: &str, out: &mut Vec<u64>) {
    if text.is_ascii() {
        out.extend(
            text.as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(ascii_word_hash),
        );
    } else {
        out.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(word_hash),
        );
    }
}

fn ascii_word_hash(word: &[u8]) -> u64 {
    if word.len() <= 64 {
        let mut buffer = [0u8; 64];
        let bytes = &mut buffer[..word.len()];
        bytes.copy_from_slice(word);
        bytes.make_ascii_lowercase();
        xxh3_64(bytes)
    } else {
        xxh3_64(&word.to_ascii_lowercase())
    }
}

/// Incremental form of [`sequence_hash`]: the same value for the same sequence.
#[derive(Debug, Clone, Copy)]
pub struct SequenceHasher {
    state: u64,
    len: u64,
}

impl Default for SequenceHasher {
    fn default() -> Self {
        Self {
            state: SEQUENCE_SEED,
            len: 0,
        }
    }
}

impl SequenceHasher {
    #[inline]
    pub fn push(&mut self, h: u64) {
        self.state = mix64(self.state ^ h);
        self.len += 1;
    }

    pub fn finish(&self) -> u64 {
        mix64(self.state ^ self.len)
    }
}

const SEQUENCE_SEED: u64 = 0x51_7cc1_b727_220a;

/// An order-sensitive hash of a sequence of word hashes (a shingle, a paragraph, a body).
pub fn sequence_hash(hashes: &[u64]) -> u64 {
    let mut hasher = SequenceHasher::default();
    for &h in hashes {
        hasher.push(h);
    }
    hasher.finish()
}

/// Hashes of the overlapping `size`-word shingles of a text given as word hashes, sorted
/// and de-duplicated. A text shorter than one shingle is one shingle of all its words.
pub fn shingle_hashes(word_hashes: &[u64], size: usize) -> Vec<u64> {
    let size = size.max(1);
    let mut out: Vec<u64> = if word_hashes.is_empty() {
        Vec::new()
    } else if word_hashes.len() < size {
        vec![sequence_hash(word_hashes)]
    } else {
        word_hashes.windows(size).map(sequence_hash).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// MurmurHash3's 32-bit finaliser, as datasketch applies it before the permutations.
#[inline(always)]
pub fn fmix32(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// The affine permutations `h -> a * h + b (mod 2^32)`, `a` odd.
#[derive(Debug, Clone)]
pub struct Permutations {
    pub a: Vec<u32>,
    pub b: Vec<u32>,
}

impl Permutations {
    /// `a_k = low 32 bits of splitmix64(2k + SEED) | 1`, `b_k = high 32 bits of
    /// splitmix64(2k + 1 + SEED)`; `scripts/py/datasketch_dedup.py` receives these values.
    pub fn new(count: usize) -> Self {
        const SEED: u64 = 0x9e37_79b9_7f4a_7c15;
        let (a, b) = (0..count as u64)
            .map(|k| {
                let a = (mix64((2 * k).wrapping_add(SEED)) as u32) | 1;
                let b = (mix64((2 * k + 1).wrapping_add(SEED)) >> 32) as u32;
                (a, b)
            })
            .unzip();
        Self { a, b }
    }

    pub fn len(&self) -> usize {
        self.a.len()
    }

    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }

    /// The signature of a set of shingle hashes: per permutation, the minimum permuted
    /// value (u32::MAX for an empty set, as datasketch's empty MinHash).
    pub fn signature(&self, shingles: &[u64]) -> Vec<u32> {
        let mixed: Vec<u32> = shingles.iter().map(|&s| fmix32(s as u32)).collect();
        let mut out = vec![u32::MAX; self.len()];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU supports AVX2 (checked just above), the only requirement
                // of a `target_feature` function; the body is safe Rust.
                unsafe { signature_avx2(&self.a, &self.b, &mixed, &mut out) };
                return out;
            }
        }
        signature_portable(&self.a, &self.b, &mixed, &mut out);
        out
    }
}

/// The permutation loop, written so that the inner loop over shingles is a plain u32
/// multiply-add-min reduction the compiler vectorises (8 lanes with AVX2).
#[inline(always)]
fn signature_portable(a: &[u32], b: &[u32], mixed: &[u32], out: &mut [u32]) {
    for ((slot, &a), &b) in out.iter_mut().zip(a).zip(b) {
        *slot = mixed
            .iter()
            .map(|&h| a.wrapping_mul(h).wrapping_add(b))
            .fold(*slot, u32::min);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn signature_avx2(a: &[u32], b: &[u32], mixed: &[u32], out: &mut [u32]) {
    signature_portable(a, b, mixed, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    #[test]
    fn word_hashes_ignore_case_and_punctuation_like_words() {
        for text in ["Élan, the QUICK fox!", "The QUICK--fox's 2nd den."] {
            let mut a = Vec::new();
            push_word_hashes(text, &mut a);
            let b: Vec<u64> = words(text).iter().map(|w| xxh3_64(w.as_bytes())).collect();
            assert_eq!(a, b, "{text}");
        }
    }

    #[test]
    fn signatures_estimate_jaccard() {
        let permutations = Permutations::new(256);
        let a: Vec<u64> = (0..1000).collect();
        let b: Vec<u64> = (500..1500).collect(); // Jaccard 1/3
        let (sa, sb) = (permutations.signature(&a), permutations.signature(&b));
        let same = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / 256.0;
        assert!((same - 1.0 / 3.0).abs() < 0.1, "estimate {same}");
        assert_eq!(permutations.signature(&[]), vec![u32::MAX; 256]);
        // The vectorised path and the portable one agree.
        let mixed: Vec<u32> = a.iter().map(|&s| fmix32(s as u32)).collect();
        let mut portable = vec![u32::MAX; 256];
        signature_portable(&permutations.a, &permutations.b, &mixed, &mut portable);
        assert_eq!(portable, sa);
    }

    #[test]
    fn permutation_multipliers_are_odd() {
        assert!(Permutations::new(126).a.iter().all(|a| a % 2 == 1));
    }
}

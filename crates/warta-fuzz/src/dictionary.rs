//! What inputs are made of: per target, the pieces its format is built from (JSON syntax and
//! field names, news words and punctuation, request lines, headers and parameters) and the bytes
//! that have broken readers before (bad UTF-8, controls, marks, escapes); and how an input is
//! generated from them or mutated.

use crate::rng::Rng;

/// JSON Lines: syntax, the fields of an article, values that must be refused or cleaned.
pub const JSON_LINES: &[&[u8]] = &[
    b"{\"id\":\"a\",\"text\":\"Rusia mendesak Ukraina.\"}\n",
    b"{\"id\":7,\"text\":\"t\",\"title\":\"x\",\"url\":\"https://a/\",\"date\":\"2020-09-27\",\"source\":\"s\"}",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"id\"",
    b"\"text\"",
    b"\"title\"",
    b"\"url\"",
    b"\"date\"",
    b"\"source\"",
    b":",
    b",",
    b"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b" ",
    b"null",
    b"true",
    b"1e400",
    b"-0",
    b"123456789012345678901234567890",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\"\\u000d\"",
    b"\\",
    b"\"2020-13-45\"",
    b"\"2020-02-29\"",
    b"\" padded \"",
    b"\".\"",
    b"\"..\"",
    b"\xef\xbb\xbf",
    b"\xc3\xa9",
    b"e\xcc\x81",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\x00",
    b"\x01",
    b"\x7f",
    b"\xef\xbf\xbe",
];

/// News: words of the lexicon and the constructions the rules read, punctuation, dates, quotes,
/// line ends, and characters from outside Indonesian.
pub const NEWS: &[&[u8]] = &[
    b"Rusia",
    b"Ukraina",
    b"Turki",
    b"Armenia",
    b"Azerbaijan",
    b"PBB",
    b"Amerika Serikat",
    b"Presiden",
    b"Menteri Luar Negeri",
    b"Kementerian Luar Negeri",
    b"Recep Tayyip Erdogan",
    b"Erdogan",
    b"mendesak",
    b"mengecam",
    b"mendukung",
    b"menuduh",
    b"memperingatkan",
    b"mengkritik",
    b"menengahi",
    b"berunding",
    b"sekutu",
    b"untuk",
    b"agar",
    b"yang",
    b"tidak",
    b"dan",
    b"antara",
    b"kedua belah pihak",
    b"ia",
    b"mereka",
    b"kata",
    b"ujar",
    b"menurut",
    b"junta",
    b"di",
    b"Baca juga:",
    b"Jakarta, Kompas.com -",
    b"(27/9/2020)",
    b"Rabu (20/9)",
    b"27 September 2020",
    b"Rp 1,3",
    b"\"",
    b"\xe2\x80\x9c",
    b"\xe2\x80\x9d",
    b"'",
    b"(",
    b")",
    b".",
    b",",
    b"!",
    b"?",
    b":",
    b";",
    b"-",
    b"\xe2\x80\x94",
    b"...",
    b"/",
    b" ",
    b"  ",
    b"\t",
    b"\n",
    b"\n\n",
    b"\r\n",
    b"\r",
    b"A",
    b"1",
    b"\xc3\xa9",
    b"e\xcc\x81",
    b"\xc3\x9f",
    b"\xe2\x80\x8b",
    b"\xf0\x9f\x87\xae\xf0\x9f\x87\xa9",
    b"\xd8\xa7",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\x0b",
];

/// Requests, in the framing `warta::serve::fuzz::request` reads: a request line, headers, a
/// blank line, a body. Methods, routes, parameters of the protocols, media types with
/// qualities, charsets, escapes, and SPARQL.
#[cfg(feature = "server")]
pub const REQUEST: &[&[u8]] = &[
    b"GET /query?query=ASK%7B%7D HTTP/1.1\naccept: text/csv\n\n",
    b"POST /query HTTP/1.1\ncontent-type: application/x-www-form-urlencoded\n\nquery=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D",
    b"POST /update HTTP/1.1\ncontent-type: application/sparql-update\n\nINSERT DATA { <a> <b> <c> }",
    b"PUT /store?graph=http%3A%2F%2Fa%2F HTTP/1.1\ncontent-type: text/turtle\n\n<a> <b> <c> .",
    b"POST /articles?id=a HTTP/1.1\ncontent-type: text/plain\n\nRusia mendesak Ukraina.",
    b"POST /articles HTTP/1.1\ncontent-type: application/json\n\n[{\"id\":\"a\",\"text\":\"t\"}]",
    b"GET ",
    b"POST ",
    b"PUT ",
    b"DELETE ",
    b"HEAD ",
    b"OPTIONS ",
    b"/query",
    b"/sparql",
    b"/update",
    b"/store",
    b"/articles",
    b"/graph.svg",
    b"?",
    b"&",
    b"=",
    b"query=",
    b"update=",
    b"default-graph-uri=",
    b"named-graph-uri=",
    b"using-graph-uri=",
    b"using-named-graph-uri=",
    b"graph=",
    b"default",
    b"id=",
    b"%",
    b"%2",
    b"%zz",
    b"%e9",
    b"%c3%a9",
    b"%00",
    b"+",
    b" HTTP/1.1\n",
    b"\n",
    b"\n\n",
    b"accept: ",
    b"content-type: ",
    b"authorization: Bearer ",
    b"host: ",
    b"application/sparql-results+json",
    b"application/sparql-results+xml",
    b"application/sparql-query",
    b"application/sparql-update",
    b"application/x-www-form-urlencoded",
    b"application/json",
    b"application/ld+json",
    b"application/x-ndjson",
    b"application/n-quads",
    b"text/turtle",
    b"text/csv",
    b"text/plain",
    b"*/*",
    b"text/*",
    b";q=0",
    b";q=0.5",
    b";q=1e9",
    b";q=-1",
    b";q=",
    b"; charset=utf-8",
    b"; charset=ISO-8859-1",
    b"; charset=\"latin1\"",
    b"; charset=utf-16",
    b",",
    b";",
    b"SELECT * WHERE { ?s ?p ?o }",
    b"ASK {}",
    b"CONSTRUCT { <s> <p> 1 } WHERE {}",
    b"DESCRIBE <a>",
    b"BASE <http://a/> ",
    b"PREFIX p: <http://a/> ",
    b"INSERT DATA { <a> <b> <c> }",
    b"WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    b"USING <http://g/> ",
    b"SERVICE <http://a/> { ?s ?p ?o }",
    b"http://a/",
    b"<",
    b">",
    b"{",
    b"}",
    b"\"",
    b"\xe9",
    b"\xff",
    b"\xc3\xa9",
    b"\x00",
];

/// A new input of 1 to 24 dictionary pieces, now and then a random byte between them.
pub fn generate(input: &mut Vec<u8>, dictionary: &[&[u8]], rng: &mut Rng) {
    let n_pieces = 1 + rng.below(24);
    for _ in 0..n_pieces {
        match rng.below(8) {
            0 => input.push(rng.byte()),
            1 => input.push(b' '),
            _ => input.extend_from_slice(piece(dictionary, rng)),
        }
    }
}

/// Changes `input` one to four times: a piece inserted or put in place of a stretch, a stretch
/// deleted or repeated, a byte changed, a part of `other` spliced in, or the end cut off.
pub fn mutate(input: &mut Vec<u8>, other: &[u8], dictionary: &[&[u8]], rng: &mut Rng) {
    let n_changes = 1 + rng.below(4);
    for _ in 0..n_changes {
        let at = rng.below(input.len() + 1);
        let until = (at + 1 + rng.below(16)).min(input.len());
        match rng.below(8) {
            0 | 1 => {
                let piece = piece(dictionary, rng);
                input.splice(at..at, piece.iter().copied());
            }
            2 => {
                let piece = piece(dictionary, rng);
                input.splice(at..until.max(at), piece.iter().copied());
            }
            3 => {
                input.drain(at..until.max(at));
            }
            4 => {
                let stretch: Vec<u8> = input.get(at..until.max(at)).unwrap_or(&[]).to_vec();
                input.splice(at..at, stretch);
            }
            5 => {
                if let Some(byte) = input.get_mut(at) {
                    *byte = match rng.below(3) {
                        0 => rng.byte(),
                        1 => *byte ^ (1 << rng.below(8)),
                        _ => byte.wrapping_add(1),
                    };
                }
            }
            6 => {
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(64)).min(other.len());
                let part = other.get(from..to).unwrap_or(&[]);
                input.splice(at..at, part.iter().copied());
            }
            _ => input.truncate(at),
        }
    }
}

fn piece<'d>(dictionary: &[&'d [u8]], rng: &mut Rng) -> &'d [u8] {
    dictionary.get(rng.below(dictionary.len())).copied().unwrap_or(b" ")
}

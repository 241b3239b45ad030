// Package query is pactwatch's news-alert query language: a parser that turns
// what admins write in `match` and `status_rules` into a Query, and an
// evaluator that matches a Query against a Document.
//
// # Syntax
//
//	Russia              a word
//	"working group"     a phrase: the words in this order, next to each other
//	cyber*              a prefix wildcard: any word that starts with "cyber"
//	"cyber* talks"      a phrase may hold prefix words too
//	a AND b, a b        both (AND is implied between adjacent terms)
//	a OR b              either
//	NOT a, -a           not; "-" means NOT only where it starts a term
//	( ... )             grouping
//	a NEAR/5 b          a and b at most 5 words apart, in either order
//	title:pact          the term, phrase or (group) only in the title
//
// Operators are recognised only in upper case: "and", "or", "not" and "near"
// are ordinary words. Precedence, tightest first: NOT and "-", NEAR, OR,
// AND (explicit or implied). OR binds tighter than AND, as in web search:
// "russia china OR chinese" means "russia AND (china OR chinese)", not
// "(russia AND china) OR chinese", which would alert on every item that
// says "chinese". NOT binds tightest, so "NOT a NEAR/3 b" is an error,
// because NEAR cannot take a negation; write "NOT (a NEAR/3 b)". When in
// doubt, use parentheses; Query.String shows how a query was read.
// Whitespace, including newlines, only separates. Straight and curly double
// quotes both delimit phrases.
//
// A query must have at least one term that is not negated: a query that
// would match an empty item, such as "NOT a" or "a OR -b", is an error,
// because it would match almost every item.
//
// # Words and tokens
//
// Document text and query words are split into tokens the same way (see
// Tokenize): a token is a maximal run of Unicode letters, marks and digits,
// case-folded, so "Russia–China" is russia, china and "U.S." is u, s. A query
// word that splits into several tokens, such as "U.S." or "cyber-security",
// is a phrase. Matching is on whole tokens, so China does not match
// Chinatown and pact does not match impact. Scripts written without spaces
// (Chinese, Japanese, Thai and others) give one token per character, so a
// word in them is a phrase of its characters and matches as a substring.
// Case folding is Unicode-aware (Straße matches STRASSE, Οδυσσεύς matches
// ΟΔΥΣΣΕΎΣ), but diacritics are kept: "café" does not match "cafe".
//
// # NEAR
//
// The operands of NEAR/n are terms (words, phrases, prefixes) or a
// parenthesised OR of terms; n is 1 to 100. Two occurrences spanning token
// positions [a1,a2] and [b1,b2] are within n words when the gap, b1-a2 if b
// comes after a, a1-b2 if a comes after b, and 0 if they overlap, is at most
// n. So NEAR/1 means adjacent. NEAR never matches across fields.
//
// # Fields
//
// A Document has a title and any number of body parts (summary, content,
// categories). A term without "title:" matches in any of them; with it, only
// in the title. Phrases and NEAR never match across two fields.
package query

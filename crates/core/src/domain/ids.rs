//! Typed values parsed from what the user typed: Italian tax identifiers,
//! postal codes, addresses, the activations count, dates.
//!
//! Each type can only be obtained through its `parse` constructor, so a value
//! of the type is valid by construction (parse, don't validate). Every error
//! is an enum variant a user can act on; [`key`](PartitaIvaError::key) names
//! its message in the content files.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Declares an error enum together with the message key of each variant and
/// the list of all variants (so tests can check every key has a text). The
/// `Display` text, in English, is for logs and developers; users read the
/// text the key names, in their language.
macro_rules! error_enum {
    ($(#[$meta:meta])* $name:ident {
        $($variant:ident => $key:literal, $message:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
        pub enum $name { $(#[error($message)] $variant),+ }
        impl $name {
            /// Every variant, for exhaustive tests of the message texts.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The key of this error's message in the content files.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
        }
    };
}

error_enum!(PartitaIvaError {
    Empty => "error.required", "the Partita IVA is empty",
    Length => "error.piva.length", "a Partita IVA has 11 digits",
    NotDigits => "error.piva.not_digits", "a Partita IVA has only digits",
    CheckDigit => "error.piva.check_digit", "the Partita IVA's check digit is wrong",
});

error_enum!(CodiceFiscaleError {
    Empty => "error.required", "the codice fiscale is empty",
    Length => "error.cf.length", "the codice fiscale has the wrong length",
    Format => "error.cf.format", "the codice fiscale has letters and digits in the wrong places",
    Month => "error.cf.month", "the codice fiscale's month letter names no month",
    Day => "error.cf.day", "the codice fiscale's day names no day of the month",
    CheckChar => "error.cf.check_char", "the codice fiscale's check character is wrong",
});

error_enum!(CapError {
    Empty => "error.required", "the CAP is empty",
    Format => "error.cap.format", "a CAP has 5 digits",
});

error_enum!(ProvinciaError {
    Empty => "error.required", "the province is empty",
    Unknown => "error.provincia.unknown", "not the code of an Italian province",
});

error_enum!(EmailError {
    Empty => "error.required", "the e-mail address is empty",
    Format => "error.email.format", "not an e-mail address",
});

error_enum!(SdiError {
    Format => "error.sdi.format", "an SDI code has 7 letters or digits",
});

error_enum!(PhoneError {
    Empty => "error.required", "the phone number is empty",
    Format => "error.phone.format", "a phone number has 6 to 15 digits, spaces and - . / ( ) +",
});

error_enum!(ActivationsError {
    Empty => "error.required", "the number of activations is empty",
    NotANumber => "error.activations.not_a_number", "the number of activations is not a number",
    Decimal => "error.activations.decimal", "the number of activations is not a whole number",
    Negative => "error.activations.negative", "the number of activations is negative",
    TooLow => "error.activations.too_low", "the number of activations is below the minimum",
    TooHigh => "error.activations.too_high", "the number of activations is above the maximum",
    Overflow => "error.activations.overflow", "the number of activations is far too large",
});

error_enum!(DateError {
    Empty => "error.required", "the date is empty",
    Format => "error.date.format", "not a date written YYYY-MM-DD",
    OutOfRange => "error.date.out_of_range", "the year is outside the years a date may have",
});

/// A Partita IVA: 11 digits whose last is the check digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitaIva(String);

/// A person's codice fiscale, 16 characters, upper case, omocodia allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodiceFiscale(String);

/// A company's codice fiscale: 11 digits (the Partita IVA rule) or, for a sole
/// proprietorship, the owner's 16-character personal code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompanyCodiceFiscale {
    Numeric(PartitaIva),
    Personal(CodiceFiscale),
}

/// A CAP (codice di avviamento postale): 5 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cap(String);

/// A provincia's sigla (two upper-case letters) from the official list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provincia(String);

/// An e-mail (or PEC) address by the HTML `type=email` rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

/// A codice destinatario SDI: 7 letters or digits, upper case, not "0000000".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdiCode(String);

/// A phone number as written, with 6 to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

/// The bounds of the activations count, from content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationBounds {
    pub min: u32,
    pub max: u32,
}

impl Default for ActivationBounds {
    fn default() -> Self {
        ActivationBounds { min: 1, max: 9999 }
    }
}

/// The number of machines / activations declared, within its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activations(u32);

/// A calendar date (proleptic Gregorian), as given by `<input type=date>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Removes every whitespace character, inside the text as well as around it,
/// because people copy identifiers grouped as "007 431 101 57".
fn without_whitespace(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The Partita IVA check digit over the first ten digits (values 0-9).
///
/// Agenzia delle Entrate, specification of the Partita IVA (DM 23/12/1976,
/// art. 2): add the digits in odd positions (1st, 3rd, ..., 9th); double each
/// digit in an even position (2nd, ..., 10th), subtract 9 when the double
/// exceeds 9, and add it too; the check digit is `(10 - sum mod 10) mod 10`.
/// This is the Luhn algorithm.
fn partita_iva_check_digit(first_ten: &[u32]) -> u32 {
    let sum: u32 = first_ten
        .iter()
        .enumerate()
        .map(|(index, &digit)| {
            if index % 2 == 0 {
                digit
            } else {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

impl PartitaIva {
    /// Parses a Partita IVA as typed.
    ///
    /// Whitespace anywhere is ignored, and so is a leading `IT` country prefix
    /// (in any letter case) as printed on invoices and in the VIES register.
    /// What remains must be 11 ASCII digits whose last is the check digit of
    /// the Agenzia delle Entrate rule (see `partita_iva_check_digit`). Only
    /// the check digit is verified, not whether the number was ever issued nor
    /// its office code (digits 8-10).
    pub fn parse(input: &str) -> Result<PartitaIva, PartitaIvaError> {
        let compact = without_whitespace(input);
        let digits = match compact.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("IT") => compact.get(2..).unwrap_or(""),
            _ => compact.as_str(),
        };
        if digits.is_empty() {
            return Err(PartitaIvaError::Empty);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PartitaIvaError::NotDigits);
        }
        let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        let Ok([first_ten @ .., check]) = <[u32; 11]>::try_from(values.as_slice()) else {
            return Err(PartitaIvaError::Length);
        };
        if partita_iva_check_digit(&first_ten) != check {
            return Err(PartitaIvaError::CheckDigit);
        }
        Ok(PartitaIva(digits.to_owned()))
    }

    /// The 11 digits, without any prefix or spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The letters that stand for the digits 0-9 in an omocode codice fiscale
/// (DM 12/03/1974, as amended: when two people would get the same code, the
/// Agenzia delle Entrate replaces digits, from the right, by these letters).
const OMOCODIA_LETTERS: &[u8; 10] = b"LMNPQRSTUV";

/// The month letters of the codice fiscale, January to December.
const MONTH_LETTERS: &[u8; 12] = b"ABCDEHLMPRST";

/// The value of a character in an odd position (1st, 3rd, ..., 15th) for the
/// codice fiscale check letter, from the official table of DM 12/03/1974
/// (Agenzia delle Entrate). A digit counts as the letter in the same place of
/// the alphabet (0 as A, 9 as J).
const CF_ODD_VALUES: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// The value of an upper-case ASCII letter or digit in an even position: the
/// digit itself, or the letter's place in the alphabet from A = 0 to Z = 25.
fn cf_even_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        _ => None,
    }
}

/// The value of an upper-case ASCII letter or digit in an odd position.
fn cf_odd_value(c: u8) -> Option<u32> {
    cf_even_value(c).and_then(|index| CF_ODD_VALUES.get(index as usize).copied())
}

/// The check letter of a codice fiscale over its first 15 characters
/// (upper-case ASCII letters and digits): the odd-position values plus the
/// even-position values, modulo 26, read as a letter from A = 0 (DM
/// 12/03/1974, art. 7). Omocode letters count as themselves, not as the
/// digits they stand for.
fn cf_check_letter(first_fifteen: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (index, &c) in first_fifteen.iter().enumerate() {
        // Positions are 1-based in the rule, so index 0 is the 1st, odd.
        sum += if index % 2 == 0 {
            cf_odd_value(c)?
        } else {
            cf_even_value(c)?
        };
    }
    u8::try_from(sum % 26).ok().map(|offset| b'A' + offset)
}

/// The digit an ASCII character stands for in a digit position: itself, or
/// under omocodia one of the letters `LMNPQRSTUV`.
fn cf_digit(c: u8) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c - b'0');
    }
    OMOCODIA_LETTERS
        .iter()
        .position(|&letter| letter == c)
        .and_then(|value| u8::try_from(value).ok())
}

impl CodiceFiscale {
    /// Parses a person's codice fiscale as typed.
    ///
    /// Whitespace anywhere is ignored and ASCII letters are upper-cased; any
    /// other non-ASCII character is a format error. The 16 characters must
    /// follow the pattern of DM 12/03/1974 (Agenzia delle Entrate): 6 letters
    /// (surname and name), 2 digits (year), the month letter
    /// (`ABCDEHLMPRST`), 2 digits (day, plus 40 for women, so 01-31 or
    /// 41-71), a letter and 3 digits (the cadastral code of the place of
    /// birth), the check letter.
    ///
    /// Under omocodia any of the seven digits may be replaced by the letter
    /// `LMNPQRSTUV` standing for it; the letters are decoded before the day
    /// is checked. The Agenzia replaces digits from the right, but any
    /// combination is accepted here: the check letter still guards against
    /// typing mistakes. The day is not checked against the month (a 31st of
    /// February passes), because the century of the year is not in the code.
    pub fn parse(input: &str) -> Result<CodiceFiscale, CodiceFiscaleError> {
        let code = without_whitespace(input).to_ascii_uppercase();
        if code.is_empty() {
            return Err(CodiceFiscaleError::Empty);
        }
        if code.chars().count() != 16 {
            return Err(CodiceFiscaleError::Length);
        }
        let Ok(bytes) = <[u8; 16]>::try_from(code.as_bytes()) else {
            // Sixteen characters but more than sixteen bytes: not ASCII.
            return Err(CodiceFiscaleError::Format);
        };
        let [s1, s2, s3, n1, n2, n3, y1, y2, month, d1, d2, place, p1, p2, p3, check] = bytes;
        // Surname, name, the letter of the cadastral code, the check letter.
        let letters_ok = [s1, s2, s3, n1, n2, n3, place, check]
            .iter()
            .all(u8::is_ascii_uppercase);
        // Year, day and the digits of the cadastral code.
        let digits_ok = [y1, y2, d1, d2, p1, p2, p3]
            .into_iter()
            .all(|c| cf_digit(c).is_some());
        if !letters_ok || !digits_ok || !month.is_ascii_uppercase() {
            return Err(CodiceFiscaleError::Format);
        }
        if !MONTH_LETTERS.contains(&month) {
            return Err(CodiceFiscaleError::Month);
        }
        let Some(day) = cf_digit(d1)
            .zip(cf_digit(d2))
            .map(|(tens, units)| tens * 10 + units)
        else {
            return Err(CodiceFiscaleError::Format);
        };
        if !matches!(day, 1..=31 | 41..=71) {
            return Err(CodiceFiscaleError::Day);
        }
        let (first_fifteen, _) = bytes.split_at(15);
        if cf_check_letter(first_fifteen) != Some(check) {
            return Err(CodiceFiscaleError::CheckChar);
        }
        Ok(CodiceFiscale(code))
    }

    /// The 16 characters, upper case, omocode letters kept as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl CompanyCodiceFiscale {
    /// Parses a company's codice fiscale as typed.
    ///
    /// Companies and other non-natural persons have a numeric code of 11
    /// digits built by the Partita IVA rule (usually equal to it); a sole
    /// proprietorship uses the owner's personal code. So all digits means
    /// numeric, anything else is read as a personal code. Whitespace anywhere
    /// is ignored. No `IT` prefix is accepted here: it belongs to VAT numbers
    /// only.
    pub fn parse(input: &str) -> Result<CompanyCodiceFiscale, CodiceFiscaleError> {
        let compact = without_whitespace(input);
        if compact.is_empty() {
            return Err(CodiceFiscaleError::Empty);
        }
        if compact.chars().all(|c| c.is_ascii_digit()) {
            return PartitaIva::parse(&compact)
                .map(CompanyCodiceFiscale::Numeric)
                .map_err(|error| match error {
                    PartitaIvaError::Empty => CodiceFiscaleError::Empty,
                    PartitaIvaError::Length => CodiceFiscaleError::Length,
                    PartitaIvaError::NotDigits => CodiceFiscaleError::Format,
                    PartitaIvaError::CheckDigit => CodiceFiscaleError::CheckChar,
                });
        }
        CodiceFiscale::parse(&compact).map(CompanyCodiceFiscale::Personal)
    }

    /// The 11 digits or the 16 characters.
    pub fn as_str(&self) -> &str {
        match self {
            CompanyCodiceFiscale::Numeric(partita_iva) => partita_iva.as_str(),
            CompanyCodiceFiscale::Personal(codice_fiscale) => codice_fiscale.as_str(),
        }
    }
}

impl Cap {
    /// Parses a CAP: exactly 5 ASCII digits (Poste Italiane's codice di
    /// avviamento postale), surrounding whitespace ignored. Whether the CAP
    /// exists is not checked.
    pub fn parse(input: &str) -> Result<Cap, CapError> {
        let cap = input.trim();
        if cap.is_empty() {
            return Err(CapError::Empty);
        }
        if cap.len() != 5 || !cap.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CapError::Format);
        }
        Ok(Cap(cap.to_owned()))
    }

    /// The 5 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Provincia {
    /// Parses a provincia's sigla, such as `MI` or `bz`, against the list of
    /// known sigle (from content, following ISTAT's list of the province and
    /// città metropolitane). Surrounding whitespace is ignored and the
    /// comparison is made in ASCII upper case on both sides.
    pub fn parse(input: &str, known: &[impl AsRef<str>]) -> Result<Provincia, ProvinciaError> {
        let sigla = input.trim().to_ascii_uppercase();
        if sigla.is_empty() {
            return Err(ProvinciaError::Empty);
        }
        if known
            .iter()
            .any(|candidate| candidate.as_ref().trim().to_ascii_uppercase() == sigla)
        {
            Ok(Provincia(sigla))
        } else {
            Err(ProvinciaError::Unknown)
        }
    }

    /// The sigla, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether a character may appear in the local part of a valid e-mail
/// address (WHATWG HTML, "valid e-mail address").
fn is_email_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// Whether `label` is a domain label of a valid e-mail address: 1 to 63
/// ASCII letters, digits and hyphens, not starting or ending with a hyphen
/// (WHATWG HTML, after RFC 1034 section 3.5).
fn is_email_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

impl Email {
    /// Parses an e-mail or PEC address by the WHATWG HTML rule for a "valid
    /// e-mail address" (the one `<input type=email>` applies): a local part
    /// of `[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+`, `@`, then one or more domain
    /// labels separated by dots. As in HTML, a domain without a dot
    /// (`user@localhost`) is valid and internationalised addresses are not.
    /// Surrounding whitespace is ignored; the letter case is kept as typed.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let address = input.trim();
        if address.is_empty() {
            return Err(EmailError::Empty);
        }
        let Some((local, domain)) = address.split_once('@') else {
            return Err(EmailError::Format);
        };
        let local_ok = !local.is_empty() && local.chars().all(is_email_local_char);
        if !local_ok || !domain.split('.').all(is_email_domain_label) {
            return Err(EmailError::Format);
        }
        Ok(Email(address.to_owned()))
    }

    /// The address as typed, without surrounding whitespace.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl SdiCode {
    /// Parses a codice destinatario for the Sistema di Interscambio
    /// (Agenzia delle Entrate, "Specifiche tecniche della fattura
    /// elettronica": 7 alphanumeric characters for private recipients).
    ///
    /// Surrounding whitespace is ignored and letters are upper-cased. An
    /// empty field or `0000000`, the code used when the invoice goes to a PEC
    /// address or to the cassetto fiscale, means "no code" (`Ok(None)`).
    pub fn parse(input: &str) -> Result<Option<SdiCode>, SdiError> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty() || code == "0000000" {
            return Ok(None);
        }
        if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(SdiError::Format);
        }
        Ok(Some(SdiCode(code)))
    }

    /// The 7 characters, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Phone {
    /// Parses a phone number as written, such as `+39 02 1234 5678` or
    /// `(02) 123-4567`.
    ///
    /// Allowed are digits, spaces, `-`, `.`, `/`, `(`, `)` and a `+` as first
    /// character. There must be 6 to 15 digits: 15 is the most an
    /// international number has (ITU-T E.164), and Italian numbers, landline
    /// or mobile, have at least 6. Surrounding whitespace is ignored; the
    /// rest is kept as written.
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let phone = input.trim();
        if phone.is_empty() {
            return Err(PhoneError::Empty);
        }
        let body = phone.strip_prefix('+').unwrap_or(phone);
        let allowed = body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '/' | '(' | ')'));
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if !allowed || !(6..=15).contains(&digits) {
            return Err(PhoneError::Format);
        }
        Ok(Phone(phone.to_owned()))
    }

    /// The number as written, without surrounding whitespace.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` is a number with a decimal part: ASCII digits and at least
/// one `.` or `,`, with at least one digit. Any `.` or `,` counts as a
/// decimal separator, so `1.000` (a thousand, in Italian) is a decimal too:
/// the count of activations is small and typed without separators.
fn is_decimal(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && text.contains(|c: char| c.is_ascii_digit())
        && text.contains(['.', ','])
}

impl Activations {
    /// Parses the number of activations, a whole number within `bounds`
    /// (inclusive).
    ///
    /// Surrounding whitespace is ignored. The errors say what is wrong, in
    /// this order: nothing typed; a minus sign before a number; a decimal
    /// part (any `.` or `,`, see `is_decimal`); anything but ASCII digits,
    /// including a leading `+`; a number beyond `u32`; below `bounds.min`;
    /// above `bounds.max`. Leading zeros are allowed.
    pub fn parse(input: &str, bounds: ActivationBounds) -> Result<Activations, ActivationsError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(ActivationsError::Empty);
        }
        if let Some(magnitude) = text.strip_prefix('-') {
            let is_number = !magnitude.is_empty() && magnitude.bytes().all(|b| b.is_ascii_digit());
            return Err(if is_number || is_decimal(magnitude) {
                ActivationsError::Negative
            } else {
                ActivationsError::NotANumber
            });
        }
        if is_decimal(text) {
            return Err(ActivationsError::Decimal);
        }
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ActivationsError::NotANumber);
        }
        // Checked arithmetic: 10 000 digits must be an error, not a panic.
        let value = text.bytes().try_fold(0u32, |value, b| {
            value.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        });
        let Some(value) = value else {
            return Err(ActivationsError::Overflow);
        };
        if value < bounds.min {
            return Err(ActivationsError::TooLow);
        }
        if value > bounds.max {
            return Err(ActivationsError::TooHigh);
        }
        Ok(Activations(value))
    }

    /// The number of activations.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Whether `year` is a leap year in the Gregorian calendar: divisible by 4,
/// except centuries not divisible by 400.
fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// The number of days in `month` (1-12) of `year`, or 0 for no such month.
fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The value of a run of ASCII digits, or `None` if any byte is not one.
fn ascii_number(bytes: &[u8]) -> Option<u16> {
    bytes.iter().try_fold(0u16, |value, &b| {
        if b.is_ascii_digit() {
            value.checked_mul(10)?.checked_add(u16::from(b - b'0'))
        } else {
            None
        }
    })
}

impl Date {
    /// The years a date may have: the contract dates of a renewal, with room
    /// for dates of birth and foundation on the earlier side.
    pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2999;

    /// Parses a date written `YYYY-MM-DD`, the "valid date string" that
    /// `<input type=date>` gives as its value (WHATWG HTML), surrounding
    /// whitespace ignored.
    ///
    /// A string of another shape, or naming a day the Gregorian calendar does
    /// not have (such as `2026-02-29` or `2026-13-01`), is a `Format` error;
    /// a real date whose year is outside [`Date::YEARS`] is `OutOfRange`.
    pub fn parse(input: &str) -> Result<Date, DateError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(DateError::Empty);
        }
        let Ok([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2]) =
            <[u8; 10]>::try_from(text.as_bytes())
        else {
            return Err(DateError::Format);
        };
        let year = ascii_number(&[y1, y2, y3, y4]);
        let month = ascii_number(&[m1, m2]).and_then(|m| u8::try_from(m).ok());
        let day = ascii_number(&[d1, d2]).and_then(|d| u8::try_from(d).ok());
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            return Err(DateError::Format);
        };
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Format);
        }
        if !Date::YEARS.contains(&year) {
            return Err(DateError::OutOfRange);
        }
        Ok(Date { year, month, day })
    }

    /// The date as `YYYY-MM-DD`, the form `<input type=date>` reads.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date as Italians write it: `25/11/2026`.
    pub fn italian(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// Implements `Display` for the newtypes over a normalised `String`.
macro_rules! display_as_str {
    ($($name:ident),+ $(,)?) => {
        $(impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        })+
    };
}

display_as_str!(
    PartitaIva,
    CodiceFiscale,
    CompanyCodiceFiscale,
    Cap,
    Provincia,
    Email,
    SdiCode,
    Phone,
);

impl fmt::Display for Activations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Shows the ISO form, which [`Date::parse`] reads back; use
/// [`Date::italian`] for text meant for the user.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

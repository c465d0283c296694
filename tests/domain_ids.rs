//! The Italian identifiers and other typed values: the official vectors, the
//! edge case of every rule (each error variant is reached at least once), and
//! properties over arbitrary Unicode input, where no parser may panic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test, bench or example stops at its first surprise, loudly; the workspace's lints are for the code users run"
)]
// Native only: these tests read files, run tools or use proptest.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rinnovo_core::domain::ids::*;

fn provinces() -> Vec<String> {
    ["MI", "RM", "BZ", "TO", "NA"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

const BOUNDS: ActivationBounds = ActivationBounds { min: 1, max: 9999 };

// Partita IVA

#[test]
fn accepts_valid_partite_iva() {
    for vector in ["00743110157", "01114601006", "12345678903", "99999999990"] {
        let piva = PartitaIva::parse(vector).unwrap();
        assert_eq!(piva.as_str(), vector);
        assert_eq!(piva.to_string(), vector);
    }
}

#[test]
fn rejects_partita_iva_with_wrong_check_digit() {
    assert_eq!(
        PartitaIva::parse("00743110158"),
        Err(PartitaIvaError::CheckDigit)
    );
    assert_eq!(
        PartitaIva::parse("01114601007"),
        Err(PartitaIvaError::CheckDigit)
    );
}

#[test]
fn rejects_partita_iva_with_swapped_neighbour_digits() {
    // Luhn catches the most common typing mistake, two digits swapped.
    assert_eq!(
        PartitaIva::parse("07043110157"),
        Err(PartitaIvaError::CheckDigit)
    );
}

#[test]
fn partita_iva_ignores_spaces_and_the_it_prefix() {
    for typed in [
        "  00743110157 ",
        "007 431 101 57",
        "IT00743110157",
        "it 00743110157",
        "It00743110157",
        "\t00743110157\n",
        "IT\u{00A0}00743110157",
    ] {
        assert_eq!(
            PartitaIva::parse(typed).map(|p| p.as_str().to_owned()),
            Ok("00743110157".to_owned()),
            "{typed:?}"
        );
    }
}

#[test]
fn rejects_empty_partita_iva() {
    for typed in ["", "   ", "IT", " it "] {
        assert_eq!(
            PartitaIva::parse(typed),
            Err(PartitaIvaError::Empty),
            "{typed:?}"
        );
    }
}

#[test]
fn rejects_partita_iva_of_wrong_length() {
    for typed in ["0074311015", "007431101570", "1", "IT0074311015"] {
        assert_eq!(
            PartitaIva::parse(typed),
            Err(PartitaIvaError::Length),
            "{typed:?}"
        );
    }
}

#[test]
fn rejects_partita_iva_with_non_digits() {
    for typed in [
        "0074311015A",
        "DE00743110157",
        "00743-110157",
        // Arabic-Indic and full-width digits are digits, but not ASCII ones.
        "٠٠٧٤٣١١٠١٥٧",
        "0074311015７",
    ] {
        assert_eq!(
            PartitaIva::parse(typed),
            Err(PartitaIvaError::NotDigits),
            "{typed:?}"
        );
    }
}

// Codice fiscale

#[test]
fn accepts_valid_codici_fiscali() {
    for vector in [
        "RSSMRA85T10A562S",
        // Example of the Agenzia's own documentation and Wikipedia.
        "MRTMTT25D09F205Z",
        // A woman: the day of birth plus 40.
        "BNCLRA80A41F205G",
        // Omocodia: the last digit, then the last two, then all, replaced.
        "RSSMRA85T10A56NH",
        "RSSMRA85T10A5SNT",
        "RSSMRAURTMLARSNL",
    ] {
        let cf = CodiceFiscale::parse(vector).unwrap();
        assert_eq!(cf.as_str(), vector);
        assert_eq!(cf.to_string(), vector);
    }
}

#[test]
fn codice_fiscale_is_upper_cased_and_spaces_are_dropped() {
    let cf = CodiceFiscale::parse("  rssmra 85t10 a562s ").unwrap();
    assert_eq!(cf.as_str(), "RSSMRA85T10A562S");
}

#[test]
fn rejects_empty_codice_fiscale() {
    assert_eq!(CodiceFiscale::parse(""), Err(CodiceFiscaleError::Empty));
    assert_eq!(
        CodiceFiscale::parse(" \t\n"),
        Err(CodiceFiscaleError::Empty)
    );
}

#[test]
fn rejects_codice_fiscale_of_wrong_length() {
    for typed in ["RSSMRA85T10A562", "RSSMRA85T10A562SS", "R", "00743110157"] {
        assert_eq!(
            CodiceFiscale::parse(typed),
            Err(CodiceFiscaleError::Length),
            "{typed:?}"
        );
    }
}

#[test]
fn rejects_codice_fiscale_with_characters_out_of_place() {
    for typed in [
        // A digit among the surname letters.
        "R5SMRA85T10A562S",
        // A letter in the year that is not an omocodia letter.
        "RSSMRA8AT10A562S",
        // A digit as month.
        "RSSMRA85110A562S",
        // A digit as the letter of the cadastral code.
        "RSSMRA85T101562S",
        // A digit as check character.
        "RSSMRA85T10A5620",
        // Non-ASCII letters, sixteen of them.
        "RSSMRÀ85T10A562S",
        "RSSMRA85T10A562ß",
        "RSSMRA85T10A562😀",
        "RSSMRA-5T10A562S",
    ] {
        assert_eq!(
            CodiceFiscale::parse(typed),
            Err(CodiceFiscaleError::Format),
            "{typed:?}"
        );
    }
}

#[test]
fn rejects_codice_fiscale_with_unknown_month_letter() {
    // F, G, I... are not month letters.
    assert_eq!(
        CodiceFiscale::parse("RSSMRA85F10A562S"),
        Err(CodiceFiscaleError::Month)
    );
    assert_eq!(
        CodiceFiscale::parse("RSSMRA85Z10A562S"),
        Err(CodiceFiscaleError::Month)
    );
}

#[test]
fn rejects_codice_fiscale_with_impossible_day() {
    for day in ["00", "32", "40", "72", "99"] {
        let typed = format!("RSSMRA85T{day}A562S");
        assert_eq!(
            CodiceFiscale::parse(&typed),
            Err(CodiceFiscaleError::Day),
            "{typed}"
        );
    }
    // Omocode letters are decoded before the day is checked: V stands for 9,
    // so VV is the day 99.
    assert_eq!(
        CodiceFiscale::parse("RSSMRA85TVVA562S"),
        Err(CodiceFiscaleError::Day)
    );
}

#[test]
fn rejects_codice_fiscale_with_wrong_check_letter() {
    assert_eq!(
        CodiceFiscale::parse("RSSMRA85T10A562T"),
        Err(CodiceFiscaleError::CheckChar)
    );
    // The omocode variant has its own check letter.
    assert_eq!(
        CodiceFiscale::parse("RSSMRA85T10A56NS"),
        Err(CodiceFiscaleError::CheckChar)
    );
}

// Company codice fiscale

#[test]
fn company_codice_fiscale_accepts_numeric_and_personal_codes() {
    assert_eq!(
        CompanyCodiceFiscale::parse(" 007 4311 0157 ").map(|c| c.to_string()),
        Ok("00743110157".to_owned())
    );
    assert!(matches!(
        CompanyCodiceFiscale::parse("00743110157"),
        Ok(CompanyCodiceFiscale::Numeric(_))
    ));
    assert!(matches!(
        CompanyCodiceFiscale::parse("rssmra85t10a562s"),
        Ok(CompanyCodiceFiscale::Personal(ref cf)) if cf.as_str() == "RSSMRA85T10A562S"
    ));
}

#[test]
fn company_codice_fiscale_reports_codice_fiscale_errors() {
    assert_eq!(
        CompanyCodiceFiscale::parse("  "),
        Err(CodiceFiscaleError::Empty)
    );
    assert_eq!(
        CompanyCodiceFiscale::parse("0074311015"),
        Err(CodiceFiscaleError::Length)
    );
    assert_eq!(
        CompanyCodiceFiscale::parse("00743110158"),
        Err(CodiceFiscaleError::CheckChar)
    );
    assert_eq!(
        CompanyCodiceFiscale::parse("RSSMRA85T10A562T"),
        Err(CodiceFiscaleError::CheckChar)
    );
    // The IT prefix belongs to VAT numbers, not to codici fiscali.
    assert_eq!(
        CompanyCodiceFiscale::parse("IT00743110157"),
        Err(CodiceFiscaleError::Length)
    );
    assert_eq!(
        CompanyCodiceFiscale::parse("0074311015٧"),
        Err(CodiceFiscaleError::Length)
    );
}

// CAP

#[test]
fn accepts_five_digit_cap() {
    assert_eq!(
        Cap::parse(" 20121 ").map(|c| c.to_string()),
        Ok("20121".into())
    );
    assert_eq!(
        Cap::parse("00118").map(|c| c.as_str().to_owned()),
        Ok("00118".into())
    );
}

#[test]
fn rejects_cap_that_is_not_five_digits() {
    assert_eq!(Cap::parse(""), Err(CapError::Empty));
    assert_eq!(Cap::parse("  "), Err(CapError::Empty));
    for typed in ["2012", "201211", "2012A", "20 121", "２０１２１", "-2012"] {
        assert_eq!(Cap::parse(typed), Err(CapError::Format), "{typed:?}");
    }
}

// Provincia

#[test]
fn accepts_known_provincia_in_any_case() {
    let known = provinces();
    assert_eq!(
        Provincia::parse("mi", &known).map(|p| p.to_string()),
        Ok("MI".into())
    );
    assert_eq!(
        Provincia::parse(" Bz ", &known).map(|p| p.as_str().to_owned()),
        Ok("BZ".into())
    );
    let lower = vec!["rm".to_owned()];
    assert_eq!(
        Provincia::parse("RM", &lower).map(|p| p.to_string()),
        Ok("RM".into())
    );
}

#[test]
fn rejects_unknown_or_empty_provincia() {
    let known = provinces();
    assert_eq!(Provincia::parse(" ", &known), Err(ProvinciaError::Empty));
    for typed in ["XX", "Milano", "M", "MIL", "ＭＩ"] {
        assert_eq!(
            Provincia::parse(typed, &known),
            Err(ProvinciaError::Unknown),
            "{typed:?}"
        );
    }
    assert_eq!(
        Provincia::parse("MI", &[] as &[&str]),
        Err(ProvinciaError::Unknown)
    );
}

// E-mail

#[test]
fn accepts_email_addresses_valid_in_html() {
    for typed in [
        "mario.rossi@example.it",
        "Mario.Rossi@Example.IT",
        "amministrazione@pec.azienda-srl.it",
        "a!#$%&'*+/=?^_`{|}~-@b.c",
        "user@localhost",
        "x@1.2.3",
    ] {
        let email = Email::parse(typed).unwrap();
        assert_eq!(email.as_str(), typed);
    }
    assert_eq!(
        Email::parse("  info@oripan.it\n").map(|e| e.to_string()),
        Ok("info@oripan.it".into())
    );
}

#[test]
fn accepts_domain_label_of_63_characters_but_not_64() {
    let label63 = "a".repeat(63);
    let label64 = "a".repeat(64);
    assert!(Email::parse(&format!("x@{label63}.it")).is_ok());
    assert_eq!(
        Email::parse(&format!("x@{label64}.it")),
        Err(EmailError::Format)
    );
}

#[test]
fn rejects_malformed_email_addresses() {
    assert_eq!(Email::parse(""), Err(EmailError::Empty));
    assert_eq!(Email::parse("   "), Err(EmailError::Empty));
    for typed in [
        "mario.rossi",
        "@example.it",
        "mario@",
        "mario@@example.it",
        "mario@exa@mple.it",
        "mario rossi@example.it",
        "mario@-example.it",
        "mario@example-.it",
        "mario@example..it",
        "mario@.example.it",
        "mario@example.it.",
        "mario@exam_ple.it",
        "màrio@example.it",
        "mario@exämple.it",
        "\"mario\"@example.it",
        "mario@[127.0.0.1]",
    ] {
        assert_eq!(Email::parse(typed), Err(EmailError::Format), "{typed:?}");
    }
}

// SDI

#[test]
fn accepts_sdi_code_upper_cased() {
    assert_eq!(
        SdiCode::parse(" m5uxcr1 ").map(|c| c.map(|c| c.to_string())),
        Ok(Some("M5UXCR1".into()))
    );
    assert_eq!(
        SdiCode::parse("KRRH6B9").map(|c| c.map(|c| c.as_str().to_owned())),
        Ok(Some("KRRH6B9".into()))
    );
}

#[test]
fn empty_or_all_zero_sdi_code_means_no_code() {
    assert_eq!(SdiCode::parse(""), Ok(None));
    assert_eq!(SdiCode::parse("   "), Ok(None));
    assert_eq!(SdiCode::parse(" 0000000 "), Ok(None));
}

#[test]
fn rejects_sdi_code_that_is_not_seven_alphanumerics() {
    for typed in [
        "M5UXCR", "M5UXCR12", "M5U-CR1", "M5UXCRÈ", "000000", "M5U XCR1",
    ] {
        assert_eq!(SdiCode::parse(typed), Err(SdiError::Format), "{typed:?}");
    }
}

// Phone

#[test]
fn accepts_phone_numbers_as_written() {
    for typed in [
        "+39 02 1234 5678",
        "02/1234567",
        "(02) 123-4567",
        "333.123.4567",
        "123456",
        "+123456789012345",
    ] {
        assert_eq!(
            Phone::parse(typed).map(|p| p.to_string()),
            Ok(typed.to_owned())
        );
    }
    assert_eq!(
        Phone::parse("  0212345678 ").map(|p| p.as_str().to_owned()),
        Ok("0212345678".into())
    );
}

#[test]
fn rejects_phone_numbers_with_wrong_characters_or_digit_count() {
    assert_eq!(Phone::parse(""), Err(PhoneError::Empty));
    assert_eq!(Phone::parse(" "), Err(PhoneError::Empty));
    for typed in [
        "12345",
        "+1234567890123456",
        "02 1234 567+8",
        "++39 02 1234567",
        "02 1234 5678 int. 3",
        "0212345678#",
        "+",
        "(--)",
        "٠٢١٢٣٤٥٦٧٨",
    ] {
        assert_eq!(Phone::parse(typed), Err(PhoneError::Format), "{typed:?}");
    }
}

// Activations

#[test]
fn accepts_activations_within_bounds() {
    assert_eq!(Activations::parse("1", BOUNDS).map(Activations::get), Ok(1));
    assert_eq!(
        Activations::parse(" 9999 ", BOUNDS).map(Activations::get),
        Ok(9999)
    );
    assert_eq!(
        Activations::parse("007", BOUNDS).map(Activations::get),
        Ok(7)
    );
    assert_eq!(
        Activations::parse("42", BOUNDS).map(|a| a.to_string()),
        Ok("42".into())
    );
    let leading_zeros = format!("{}5", "0".repeat(10_000));
    assert_eq!(
        Activations::parse(&leading_zeros, BOUNDS).map(Activations::get),
        Ok(5)
    );
}

#[test]
fn rejects_activations_with_a_reason_for_each_mistake() {
    let cases = [
        ("", ActivationsError::Empty),
        ("  ", ActivationsError::Empty),
        ("-3", ActivationsError::Negative),
        ("-0", ActivationsError::Negative),
        ("-1,5", ActivationsError::Negative),
        ("2.5", ActivationsError::Decimal),
        ("2,5", ActivationsError::Decimal),
        ("1.000", ActivationsError::Decimal),
        ("3.", ActivationsError::Decimal),
        (",5", ActivationsError::Decimal),
        ("tre", ActivationsError::NotANumber),
        ("+3", ActivationsError::NotANumber),
        ("-", ActivationsError::NotANumber),
        ("-x", ActivationsError::NotANumber),
        ("--3", ActivationsError::NotANumber),
        (".", ActivationsError::NotANumber),
        ("1 000", ActivationsError::NotANumber),
        ("3e2", ActivationsError::NotANumber),
        ("٣", ActivationsError::NotANumber),
        ("0", ActivationsError::TooLow),
        ("10000", ActivationsError::TooHigh),
        ("4294967295", ActivationsError::TooHigh),
        ("4294967296", ActivationsError::Overflow),
    ];
    for (typed, expected) in cases {
        assert_eq!(
            Activations::parse(typed, BOUNDS),
            Err(expected),
            "{typed:?}"
        );
    }
}

#[test]
fn activations_of_ten_thousand_digits_overflow_without_panicking() {
    let huge = "9".repeat(10_000);
    assert_eq!(
        Activations::parse(&huge, BOUNDS),
        Err(ActivationsError::Overflow)
    );
}

#[test]
fn activations_respect_the_bounds_given() {
    let bounds = ActivationBounds { min: 5, max: 10 };
    assert_eq!(
        Activations::parse("4", bounds),
        Err(ActivationsError::TooLow)
    );
    assert_eq!(Activations::parse("5", bounds).map(Activations::get), Ok(5));
    assert_eq!(
        Activations::parse("10", bounds).map(Activations::get),
        Ok(10)
    );
    assert_eq!(
        Activations::parse("11", bounds),
        Err(ActivationsError::TooHigh)
    );
    assert_eq!(ActivationBounds::default(), BOUNDS);
}

// Date

#[test]
fn parses_dates_from_the_date_input() {
    let date = Date::parse("2026-11-25").unwrap();
    assert_eq!(
        date,
        Date {
            year: 2026,
            month: 11,
            day: 25
        }
    );
    assert_eq!(date.iso(), "2026-11-25");
    assert_eq!(date.italian(), "25/11/2026");
    assert_eq!(date.to_string(), "2026-11-25");
    assert_eq!(
        Date::parse(" 1900-01-01 ").map(|d| d.italian()),
        Ok("01/01/1900".into())
    );
    assert!(Date::parse("2999-12-31").is_ok());
}

#[test]
fn knows_leap_years() {
    assert!(Date::parse("2024-02-29").is_ok());
    assert!(Date::parse("2000-02-29").is_ok());
    assert_eq!(Date::parse("2026-02-29"), Err(DateError::Format));
    assert_eq!(Date::parse("2100-02-29"), Err(DateError::Format));
    assert_eq!(Date::parse("2024-02-30"), Err(DateError::Format));
}

#[test]
fn rejects_dates_that_are_not_real_or_not_iso() {
    assert_eq!(Date::parse(""), Err(DateError::Empty));
    assert_eq!(Date::parse("  "), Err(DateError::Empty));
    for typed in [
        "25/11/2026",
        "2026-11-5",
        "2026-1-05",
        "20261125",
        "2026-11-25T00:00",
        "+2026-11-25",
        "2026-00-10",
        "2026-13-10",
        "2026-04-31",
        "2026-04-00",
        "2026–11–25",
        "２０２６-11-25",
        "abcd-ef-gh",
    ] {
        assert_eq!(Date::parse(typed), Err(DateError::Format), "{typed:?}");
    }
}

#[test]
fn rejects_dates_outside_the_supported_years() {
    for typed in ["1899-12-31", "3000-01-01", "0000-01-01", "9999-12-31"] {
        assert_eq!(Date::parse(typed), Err(DateError::OutOfRange), "{typed:?}");
    }
}

// Message keys

#[test]
fn every_error_has_a_message_key() {
    let keys: Vec<&str> = PartitaIvaError::ALL
        .iter()
        .map(|e| e.key())
        .chain(CodiceFiscaleError::ALL.iter().map(|e| e.key()))
        .chain(CapError::ALL.iter().map(|e| e.key()))
        .chain(ProvinciaError::ALL.iter().map(|e| e.key()))
        .chain(EmailError::ALL.iter().map(|e| e.key()))
        .chain(SdiError::ALL.iter().map(|e| e.key()))
        .chain(PhoneError::ALL.iter().map(|e| e.key()))
        .chain(ActivationsError::ALL.iter().map(|e| e.key()))
        .chain(DateError::ALL.iter().map(|e| e.key()))
        .collect();
    assert!(keys.iter().all(|k| k.starts_with("error.")));
}

// Properties

/// The check digit of the Partita IVA rule, computed independently of the
/// crate for the property below.
fn luhn_check_digit(first_ten: &[u32]) -> u32 {
    let sum: u32 = first_ten
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                d
            } else {
                (d * 2) / 10 + (d * 2) % 10
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// The codice fiscale check letter, computed independently of the crate.
fn cf_check_letter(first_fifteen: &str) -> char {
    const ODD: [u32; 36] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, // 0-9
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23, // A-Z
    ];
    let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let sum: u32 = first_fifteen
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let index = alphabet.find(c).expect("test input is alphanumeric");
            if i % 2 == 0 {
                ODD[index]
            } else if index < 10 {
                index as u32
            } else {
                index as u32 - 10
            }
        })
        .sum();
    char::from(b'A' + (sum % 26) as u8)
}

/// Text a user may paste: any Unicode, with a bias towards what tends to
/// break string handling (emoji with joiners and skin tones, right-to-left
/// overrides, combining marks, controls, lookalike digits).
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "😀",
        "👩‍👩‍👧",
        "👍🏽",
        "🇮🇹",
        "\u{202E}",
        "\u{202D}",
        "\u{200F}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{0301}",
        "\0",
        "\u{7}",
        "\r\n",
        "\t",
        "\u{A0}",
        "\u{2028}",
        "مرحبا",
        "שלום",
        "٠١٢",
        "０１２",
        "ß",
        "İ",
        "IT",
        "it",
        "-",
        "+",
        ".",
        ",",
        "@",
        "0",
        "7",
        "9",
        "A",
        "Z",
        "RSSMRA",
        "85T10A562S",
        "00743110157",
        " ",
    ]);
    prop::collection::vec(pieces, 0..64).prop_map(|parts| parts.concat())
}

fn any_input() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,10000}",
        any::<String>(),
        hostile_text(),
        prop::collection::vec(any::<char>(), 0..10_000)
            .prop_map(|chars| chars.into_iter().collect::<String>()),
    ]
}

fn parse_everything(input: &str) {
    let _ = PartitaIva::parse(input);
    let _ = CodiceFiscale::parse(input);
    let _ = CompanyCodiceFiscale::parse(input);
    let _ = Cap::parse(input);
    let _ = Provincia::parse(input, &provinces());
    let _ = Provincia::parse(input, &[input.to_owned()]);
    let _ = Email::parse(input);
    let _ = SdiCode::parse(input);
    let _ = Phone::parse(input);
    let _ = Activations::parse(input, BOUNDS);
    let _ = Activations::parse(
        input,
        ActivationBounds {
            min: 0,
            max: u32::MAX,
        },
    );
    let _ = Date::parse(input);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_parser_panics_on_any_input(input in any_input()) {
        parse_everything(&input);
    }

    #[test]
    fn no_parser_panics_on_printable_unicode(input in "\\PC{0,10000}") {
        parse_everything(&input);
    }

    #[test]
    fn no_parser_panics_on_any_string(input in any::<String>()) {
        parse_everything(&input);
    }

    #[test]
    fn no_parser_panics_on_hostile_text(input in hostile_text()) {
        parse_everything(&input);
    }

    #[test]
    fn any_ten_digits_with_their_check_digit_are_a_partita_iva(
        digits in prop::collection::vec(0u32..10, 10)
    ) {
        let mut text: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
        let check = luhn_check_digit(&digits);
        text.push(char::from_digit(check, 10).unwrap());
        prop_assert_eq!(PartitaIva::parse(&text).map(|p| p.to_string()), Ok(text.clone()));
        // Every other last digit is caught.
        let wrong = char::from_digit((check + 1) % 10, 10).unwrap();
        text.pop();
        text.push(wrong);
        prop_assert_eq!(PartitaIva::parse(&text), Err(PartitaIvaError::CheckDigit));
    }

    #[test]
    fn well_formed_codice_fiscale_with_its_check_letter_parses(
        letters in "[A-Z]{6}",
        year in "[0-9LMNPQRSTUV]{2}",
        month in "[ABCDEHLMPRST]",
        day in prop_oneof![1u8..=31, 41u8..=71],
        omocode_day in any::<[bool; 2]>(),
        place in "[A-Z][0-9LMNPQRSTUV]{3}",
    ) {
        const OMOCODIA: &[u8] = b"LMNPQRSTUV";
        let day_chars: String = [day / 10, day % 10]
            .iter()
            .zip(omocode_day)
            .map(|(&d, omocode)| {
                if omocode { char::from(OMOCODIA[usize::from(d)]) } else { char::from(b'0' + d) }
            })
            .collect();
        let first_fifteen = format!("{letters}{year}{month}{day_chars}{place}");
        let code = format!("{first_fifteen}{}", cf_check_letter(&first_fifteen));
        prop_assert_eq!(
            CodiceFiscale::parse(&code.to_lowercase()).map(|c| c.to_string()),
            Ok(code.clone())
        );
        prop_assert!(matches!(
            CompanyCodiceFiscale::parse(&code),
            Ok(CompanyCodiceFiscale::Personal(_))
        ));
    }

    #[test]
    fn parsing_is_idempotent_on_its_own_output(input in any_input()) {
        if let Ok(v) = PartitaIva::parse(&input) {
            prop_assert_eq!(PartitaIva::parse(v.as_str()), Ok(v));
        }
        if let Ok(v) = CodiceFiscale::parse(&input) {
            prop_assert_eq!(CodiceFiscale::parse(v.as_str()), Ok(v));
        }
        if let Ok(v) = CompanyCodiceFiscale::parse(&input) {
            prop_assert_eq!(CompanyCodiceFiscale::parse(v.as_str()), Ok(v));
        }
        if let Ok(v) = Cap::parse(&input) {
            prop_assert_eq!(Cap::parse(v.as_str()), Ok(v));
        }
        if let Ok(v) = Provincia::parse(&input, &provinces()) {
            prop_assert_eq!(Provincia::parse(v.as_str(), &provinces()), Ok(v));
        }
        if let Ok(v) = Email::parse(&input) {
            prop_assert_eq!(Email::parse(v.as_str()), Ok(v));
        }
        if let Ok(Some(v)) = SdiCode::parse(&input) {
            prop_assert_eq!(SdiCode::parse(v.as_str()), Ok(Some(v)));
        }
        if let Ok(v) = Phone::parse(&input) {
            prop_assert_eq!(Phone::parse(v.as_str()), Ok(v));
        }
        if let Ok(v) = Activations::parse(&input, BOUNDS) {
            prop_assert_eq!(Activations::parse(&v.to_string(), BOUNDS), Ok(v));
        }
        if let Ok(v) = Date::parse(&input) {
            prop_assert_eq!(Date::parse(&v.iso()), Ok(v));
        }
    }

    #[test]
    fn parsed_values_round_trip_through_display(
        piva in prop::collection::vec(0u32..10, 10),
        cap in "[0-9]{5}",
        email in "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]{1,20}@[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\\.[a-z0-9]{1,10}){0,3}",
        sdi in "[A-Za-z0-9]{7}",
        phone in "\\+?[0-9 ()./-]{0,4}[0-9]{6,15}",
        activations in 1u32..=9999,
        year in 1900u16..=2999, month in 1u8..=12, day in 1u8..=28,
    ) {
        let mut piva_text: String = piva.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
        piva_text.push(char::from_digit(luhn_check_digit(&piva), 10).unwrap());
        let piva_value = PartitaIva::parse(&piva_text).unwrap();
        prop_assert_eq!(PartitaIva::parse(&piva_value.to_string()), Ok(piva_value));

        let cap_value = Cap::parse(&cap).unwrap();
        prop_assert_eq!(cap_value.to_string(), cap);

        let email_value = Email::parse(&email).unwrap();
        prop_assert_eq!(email_value.to_string(), email);

        if sdi != "0000000" {
            let sdi_value = SdiCode::parse(&sdi).unwrap().unwrap();
            prop_assert_eq!(sdi_value.to_string(), sdi.to_ascii_uppercase());
        }

        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if digits <= 15 {
            let phone_value = Phone::parse(&phone).unwrap();
            prop_assert_eq!(phone_value.to_string(), phone.trim());
        }

        prop_assert_eq!(
            Activations::parse(&activations.to_string(), BOUNDS).map(Activations::get),
            Ok(activations)
        );

        let date = Date { year, month, day };
        prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
        prop_assert_eq!(Date::parse(&date.iso()), Ok(date));
    }
}

//! The stored draft's JSON, read and written with the browser's own `JSON`
//! instead of serde_json: the draft's serde code (the same `Deserialize`
//! and `Serialize` the back office runs natively) goes through
//! `serde-wasm-bindgen` over the parsed value, so the page's wasm holds no
//! JSON parser or printer of its own (docs/design.md, "The draft's JSON in
//! the page").
//!
//! What is written must be what [`StoredDraft::to_json`] writes natively,
//! byte for byte: the PDF's attachment is this text, and the back office's
//! `verify` fills the PDF again from it and compares the bytes.
//! `JSON.stringify` escapes as serde_json does (`\"`, `\\`, `\b \f \n \r \t`,
//! other control characters as lowercase `\u00xx`, nothing else), and an
//! object keeps the fields in the order they were set, which is the structs'
//! order (`tests/wasm_browser.rs` compares the two over hostile texts).

use js_sys::{Array, Object};
use rinnovo_core::domain::draft::{
    nesting_within, DraftLoadError, StoredDraft, MAX_DRAFT_BYTES, MAX_NESTING,
};
use serde::de::{self, IntoDeserializer as _, Visitor};
use serde::Serialize;
use wasm_bindgen::{JsCast as _, JsValue};

/// [`StoredDraft::from_json`], in the page: the same size and schema checks,
/// the same migrations, the same errors. A text nested deeper than
/// serde_json's limit is refused before it is parsed, since the walk over
/// the parsed value is recursive (serde_json refuses it too, except deep
/// under a key it skips: a draft this app never writes).
pub fn read(json: &str) -> Result<StoredDraft, DraftLoadError> {
    if json.len() > MAX_DRAFT_BYTES {
        return Err(DraftLoadError::TooLarge);
    }
    if !nesting_within(json, MAX_NESTING) {
        return Err(DraftLoadError::Unreadable);
    }
    let value = js_sys::JSON::parse(json).map_err(|_| DraftLoadError::Unreadable)?;
    StoredDraft::from_value(|| Value(value.clone()))
}

/// [`StoredDraft::to_json`], in the page. Writing strings, booleans and a
/// number cannot fail; if the browser ever refused, the text is empty, which
/// [`read`] refuses, as the native writer's fallback is.
pub fn write(draft: &StoredDraft) -> String {
    draft
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .map(String::from)
        .unwrap_or_default()
}

/// A value `JSON.parse` made, as serde reads it: strings, booleans, numbers
/// (whole ones from 0 to 2^53 as integers), `null`, arrays and objects, and
/// an enum's unit variant as its name.
///
/// Not `serde-wasm-bindgen`'s deserializer, which the page used first: its
/// errors write serde's message ("invalid type: floating point `1.5`,
/// expected a string"), and that message links `f64`'s formatting and
/// serde's descriptions of values into the wasm, 9.8 KB of gzip for a text
/// nobody reads (the page says only that the draft is unreadable). Its
/// serializer, which writes no such messages for a draft, is used.
struct Value(JsValue);

/// Why a value is not a stored draft. No message: see [`Value`].
#[derive(Debug)]
struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("not a stored draft")
    }
}

impl std::error::Error for Unreadable {}

impl de::Error for Unreadable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unreadable
    }
}

/// The largest whole number a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl<'de> de::Deserializer<'de> for Value {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        let value = self.0;
        if let Some(text) = value.as_string() {
            return visitor.visit_string(text);
        }
        if let Some(b) = value.as_bool() {
            return visitor.visit_bool(b);
        }
        if let Some(n) = value.as_f64() {
            // A whole number from 0 to 2^53 is an integer, as serde_json
            // reads one (the schema); `as` is exact there.
            return if n.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&n) {
                visitor.visit_u64(n as u64)
            } else {
                visitor.visit_f64(n)
            };
        }
        if value.is_null() {
            return visitor.visit_unit();
        }
        if Array::is_array(&value) {
            let items = value.unchecked_into::<Array>();
            return visitor.visit_seq(Items(items.into_iter()));
        }
        if value.is_object() {
            let entries = Object::entries(value.unchecked_ref::<Object>());
            return visitor.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            });
        }
        Err(Unreadable)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        let name = self.0.as_string().ok_or(Unreadable)?;
        visitor.visit_enum(name.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct
        map struct identifier ignored_any
    }
}

/// An array's items, for serde.
struct Items(js_sys::ArrayIntoIter);

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Unreadable;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Unreadable> {
        self.0
            .next()
            .map(|item| seed.deserialize(Value(item)))
            .transpose()
    }
}

/// An object's entries (`Object.entries`: its own keys, in order), for serde.
struct Entries {
    entries: js_sys::ArrayIntoIter,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Unreadable;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Unreadable> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        let entry = entry.unchecked_into::<Array>();
        self.value = Some(entry.get(1));
        seed.deserialize(Value(entry.get(0))).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Unreadable> {
        seed.deserialize(Value(self.value.take().ok_or(Unreadable)?))
    }
}

//! Hash routes: `#/azienda`, `#/faq`, ... Each step has its own URL, so
//! reload, bookmarks, back and forward work on any static host, under any
//! sub-path and inside an iframe, with no server rewrite rules.

use rinnovo_core::domain::form::Step;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Landing,
    Step(Step),
    Review,
    Faq,
    NotFound,
}

impl Route {
    /// The flow, in order: the landing, the steps, the review.
    pub const FLOW: [Route; 7] = [
        Route::Landing,
        Route::Step(Step::Company),
        Route::Step(Step::Activations),
        Route::Step(Step::Support),
        Route::Step(Step::FormSigning),
        Route::Step(Step::Conditions),
        Route::Review,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Route::Landing => "",
            Route::Step(Step::Company) => "azienda",
            Route::Step(Step::Activations) => "attivazioni",
            Route::Step(Step::Support) => "assistenza",
            Route::Step(Step::FormSigning) => "firma",
            Route::Step(Step::Conditions) => "condizioni",
            Route::Review => "riepilogo",
            Route::Faq => "faq",
            Route::NotFound => "404",
        }
    }

    pub fn from_slug(slug: &str) -> Route {
        let slug = slug.trim_matches('/');
        Route::FLOW
            .iter()
            .chain([Route::Faq].iter())
            .copied()
            .find(|r| r.slug() == slug)
            .unwrap_or(Route::NotFound)
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// The text key of the page's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Route::Landing => "landing.title",
            Route::Step(Step::Company) => "company.title",
            Route::Step(Step::Activations) => "activations.title",
            Route::Step(Step::Support) => "support.title",
            Route::Step(Step::FormSigning) => "signing.title",
            Route::Step(Step::Conditions) => "conditions.title",
            Route::Review => "review.title",
            Route::Faq => "faq.title",
            Route::NotFound => "notfound.title",
        }
    }

    fn flow_index(self) -> Option<usize> {
        Route::FLOW.iter().position(|r| *r == self)
    }

    pub fn next(self) -> Option<Route> {
        Route::FLOW.get(self.flow_index()? + 1).copied()
    }

    pub fn prev(self) -> Option<Route> {
        Route::FLOW.get(self.flow_index()?.checked_sub(1)?).copied()
    }

    /// The route in the address bar now.
    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::from_slug(hash.trim_start_matches('#'))
    }

    /// Goes to this route; the `hashchange` listener updates the app.
    pub fn go(self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&format!("/{}", self.slug()));
        }
    }
}

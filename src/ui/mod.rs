//! The Leptos components: a thin layer over [`crate::domain`].

use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <main class="app">
            <h1>"Kế hoạch cải cách hành chính"</h1>
        </main>
    }
}

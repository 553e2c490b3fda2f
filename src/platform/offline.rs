//! The service worker (dist/sw.js, made by scripts/post-build from src/offline/sw.js): the app
//! opens with no network once loaded, and a new build is announced, then taken on request.
//!
//! Browser tests (the page carries the harness's test marker) run without it unless a test
//! sets `window.__cchcServiceWorker = true` before the app starts: the other tests count the
//! server's requests or block files to simulate failures, which the worker's precache would
//! blur.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use super::{describe, document, window};

/// How often an open page asks whether a new build was published (also when it is shown again).
const UPDATE_CHECK_MS: i32 = 30 * 60 * 1000;

/// The global a test sets to run with the service worker.
const TEST_OPT_IN: &str = "__cchcServiceWorker";

/// The page's service worker container, where the browser has one (a secure context: https or
/// localhost) and the page may use it.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let has = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !has {
        return None;
    }
    if super::test_marker() {
        let opted_in = js_sys::Reflect::get(&window(), &TEST_OPT_IN.into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if !opted_in {
            return None;
        }
    }
    Some(navigator.service_worker())
}

/// Marks `<html data-offline>`: "ready" once the worker controls the page (tests wait on it).
fn mark(state: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-offline", state);
    }
}

/// Registers the service worker and calls `on_update` once a new build is installed and
/// waiting. Does nothing where there is no service worker.
pub fn start(on_update: impl Fn() + 'static) {
    let Some(container) = container() else {
        return;
    };
    let on_update: Rc<dyn Fn()> = Rc::new(on_update);
    wasm_bindgen_futures::spawn_local(async move {
        let registration = match JsFuture::from(container.register("sw.js")).await {
            Ok(r) => r.unchecked_into::<ServiceWorkerRegistration>(),
            Err(error) => {
                mark("failed");
                web_sys::console::warn_1(
                    &format!("Không cài được bản dùng ngoại tuyến: {}", describe(error)).into(),
                );
                return;
            }
        };
        watch(&container, &registration, on_update);
        if JsFuture::from(
            container
                .ready()
                .unwrap_or_else(|_| js_sys::Promise::resolve(&JsValue::NULL)),
        )
        .await
        .is_ok()
        {
            // The first visit: the new worker claims the page once active.
            if container.controller().is_some() {
                mark("ready");
            } else {
                let marked = Closure::<dyn FnMut()>::new(move || mark("ready"));
                container.set_oncontrollerchange(Some(marked.as_ref().unchecked_ref()));
                marked.forget();
            }
        }
    });
}

/// Calls `on_update` when a new build waits: now, or once it has installed; checks for one
/// periodically and whenever the page is shown again.
fn watch(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    on_update: Rc<dyn Fn()>,
) {
    // Without a controller this is the first install, not an update.
    if registration.waiting().is_some() && container.controller().is_some() {
        on_update();
    }
    let found = {
        let registration = registration.clone();
        let container = container.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let on_update = Rc::clone(&on_update);
            let container = container.clone();
            let worker = installing.clone();
            let changed = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    on_update();
                }
            });
            installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        })
    };
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();

    let check = {
        let registration = registration.clone();
        Closure::<dyn FnMut()>::new(move || {
            if !super::page_hidden() {
                // A failed check (offline) is retried next time.
                if let Ok(promise) = registration.update() {
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = JsFuture::from(promise).await;
                    });
                }
            }
        })
    };
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", check.as_ref().unchecked_ref());
    let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
        check.as_ref().unchecked_ref(),
        UPDATE_CHECK_MS,
    );
    // The page lives as long as these listeners.
    check.forget();
}

/// Lets the waiting new build take over, then reloads the page (the caller has saved first).
/// Reloads at once when nothing waits.
pub fn take_update() {
    let Some(container) = container() else {
        let _ = window().location().reload();
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let registration = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok());
        let Some(waiting) = registration.and_then(|r| r.waiting()) else {
            let _ = window().location().reload();
            return;
        };
        let reload = Closure::<dyn FnMut()>::new(|| {
            let _ = window().location().reload();
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        let _ = waiting.post_message(&"skipWaiting".into());
    });
}

// A local-first single-page app: everything renders on the device from IndexedDB.
export const ssr = false;
export const prerender = false;

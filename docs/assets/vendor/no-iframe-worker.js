/* Intentionally empty. Material's offline plugin (which lets pages opened from disk find the
 * search index) adds the "iframe-worker" shim from a CDN unless a polyfill of that name is
 * configured. The site must never load anything from outside its folder, so this empty file
 * takes that place: from file:// the search box is hidden by Material; everything else works.
 */

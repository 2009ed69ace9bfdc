'use strict';
/*
 * The sample's live page: plain JavaScript, no build step, no framework.
 *   - the user's books: GET /books?userId=..., POST /books, PATCH and DELETE /books/{id}, GET /books/{id} (cached)
 *   - the live feed: the GraphQL subscription bookChanged(userId), with the graphql-ws client (graphql-transport-ws)
 *   - the cache: GET /books/cache-events, Server-Sent Events of each read (hit or miss) and each eviction
 *   - background sync: POST and PATCH /resources, and GET /resources/sync-events, the "sync completed" SSE
 * Everything a server sends is written with textContent, never as HTML.
 */

const user = (new URLSearchParams(location.search).get('user') || 'alice').trim() || 'alice';
const MAX_LOG = 200;

const $ = (id) => document.getElementById(id);

/** A request to the sample's REST API; rejects with the message of its error body (see ApiError). */
async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((json && json.message) || `${method} ${path}: HTTP ${response.status}`);
  }
  return json;
}

/** HH:MM:SS.mmm, local time. */
function clock(date = new Date()) {
  const two = (n) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.`
    + String(date.getMilliseconds()).padStart(3, '0');
}

/** An element with text content and attributes (data-* included); children are appended in order. */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) {
      element.setAttribute(name, value);
    }
  }
  for (const child of children) {
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Adds an entry at the top of a log list, keeping the newest MAX_LOG. */
function log(list, item) {
  list.prepend(item);
  while (list.children.length > MAX_LOG) {
    list.lastElementChild.remove();
  }
}

function shortId(id) {
  return id ? '…' + id.slice(-6) : '(no id)';
}

function setBadge(badge, state) {
  badge.dataset.state = state;
  badge.textContent = state;
}

// ---- books ------------------------------------------------------------------------------------------------------

let books = [];

async function loadBooks() {
  books = await api('GET', `/books?userId=${encodeURIComponent(user)}`);
  const rows = books.map((book) => el('tr', { 'data-id': book.id },
    el('td', { class: 'title' }, book.title),
    el('td', {}, book.author),
    el('td', {}, book.published ? 'yes' : 'no'),
    el('td', { class: 'actions' },
      button('Read', 'read', () => readBook(book.id)),
      button('Edit', 'edit', () => editBook(book)),
      button('Delete', 'delete', () => deleteBook(book.id)))));
  $('books').replaceChildren(...rows);
}

function button(label, action, onClick) {
  const b = el('button', { type: 'button', 'data-action': action }, label);
  b.addEventListener('click', () => onClick().catch(showBookError));
  return b;
}

function showBookError(error) {
  $('book-error').textContent = error.message;
}

function editBook(book) {
  $('book-id').value = book.id;
  $('book-title').value = book.title;
  $('book-author').value = book.author;
  $('book-published').checked = book.published;
  $('book-submit').textContent = 'Save';
  $('book-cancel').hidden = false;
  $('book-title').focus();
  return Promise.resolve();
}

function resetBookForm() {
  $('book-form').reset();
  $('book-id').value = '';
  $('book-submit').textContent = 'Add';
  $('book-cancel').hidden = true;
}

async function saveBook(event) {
  event.preventDefault();
  $('book-error').textContent = '';
  const id = $('book-id').value;
  const fields = { title: $('book-title').value, author: $('book-author').value, published: $('book-published').checked };
  if (id) {
    await api('PATCH', `/books/${encodeURIComponent(id)}`, fields);
  } else {
    await api('POST', '/books', { ...fields, userId: user });
  }
  resetBookForm();
  await loadBooks();
}

/** A read through the cache: the cache panel shows whether it was a hit or a miss. */
async function readBook(id) {
  await api('GET', `/books/${encodeURIComponent(id)}`);
}

async function deleteBook(id) {
  await api('DELETE', `/books/${encodeURIComponent(id)}`);
  if ($('book-id').value === id) {
    resetBookForm();
  }
  await loadBooks();
}

// ---- the live feed: GraphQL subscription over WebSocket -------------------------------------------------------

function subscribeToBookChanges() {
  const badge = $('graphql-status');
  const client = graphqlWs.createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: false,
    retryAttempts: Infinity,
    on: {
      connected: () => setBadge(badge, 'connected'),
      closed: () => setBadge(badge, 'closed'),
      connecting: () => setBadge(badge, 'connecting'),
    },
  });
  client.subscribe({
    query: `subscription ($userId: String!) {
      bookChanged(userId: $userId) { operation id title author userId published updatedAt }
    }`,
    variables: { userId: user },
  }, {
    next: (message) => showChange(message.data.bookChanged),
    error: (error) => {
      setBadge(badge, 'closed');
      console.error('bookChanged', error);
    },
    complete: () => setBadge(badge, 'closed'),
  });
}

function showChange(change) {
  const now = Date.now();
  const written = change.updatedAt ? Date.parse(change.updatedAt) : NaN;
  const latency = Number.isNaN(written) ? '' : `${Math.max(0, now - written)} ms after the write`;
  log($('feed'), el('li', { 'data-op': change.operation, 'data-id': change.id, 'data-title': change.title },
    el('span', { class: 'time' }, clock(new Date(now))),
    el('span', { class: `tag ${change.operation}` }, change.operation), ' ',
    el('span', { class: 'id', title: change.id }, shortId(change.id)), ' ',
    el('strong', {}, change.title ?? ''), ' ',
    el('span', { class: 'latency', title: 'from the sample\'s last write of this book (its updatedAt) to this screen' },
      latency)));
  // another window or a script may have written: show the list as it is now
  loadBooks().catch(showBookError);
}

// ---- Server-Sent Events: the cache and the "sync completed" notifications ----------------------------------------

function listen(path, badge, onEvent) {
  const source = new EventSource(path);
  source.onopen = () => setBadge(badge, 'connected');
  source.onerror = () => setBadge(badge, source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  source.onmessage = (message) => onEvent(JSON.parse(message.data));
}

const CACHE_TEXT = {
  hit: 'served by the cache',
  miss: 'read from MongoDB',
};

function showCacheEvent(event) {
  const what = event.kind === 'cleared' ? 'all books' : `${event.title ?? ''} `;
  log($('cache'), el('li', { 'data-kind': event.kind, 'data-book-id': event.bookId },
    el('span', { class: 'time' }, clock(new Date(event.at))),
    el('span', { class: `tag ${event.kind}` }, event.kind), ' ',
    what, event.bookId ? el('span', { class: 'id', title: event.bookId }, shortId(event.bookId)) : '',
    ' — ', event.reason ?? CACHE_TEXT[event.kind] ?? ''));
}

function showSyncCompleted(event) {
  log($('notifications'), el('li', { 'data-resource-id': event.resourceId, 'data-name': event.name },
    el('span', { class: 'time' }, clock(new Date(event.at))),
    el('span', { class: 'tag completed' }, 'sync'), ' ',
    el('strong', {}, event.name), ' ', el('span', { class: 'id', title: event.resourceId }, shortId(event.resourceId)),
    ' — ', event.syncStatus));
  const row = document.querySelector(`#resources li[data-id="${CSS.escape(event.resourceId)}"] .state`);
  if (row) {
    row.textContent = event.syncStatus;
  }
}

// ---- background sync ----------------------------------------------------------------------------------------------

async function startSync(event) {
  event.preventDefault();
  $('sync-error').textContent = '';
  const resource = await api('POST', '/resources', { name: $('resource-name').value, syncStatus: 'pending' });
  const complete = el('button', { type: 'button', 'data-action': 'complete' }, 'Mark completed');
  const item = el('li', { 'data-id': resource.id, 'data-name': resource.name },
    el('strong', {}, resource.name), ' ', el('span', { class: 'id', title: resource.id }, shortId(resource.id)), ': ',
    el('span', { class: 'state' }, resource.syncStatus), ' ', complete);
  complete.addEventListener('click', () => {
    complete.disabled = true;
    // as a background job would: the notification comes back through the change stream and SSE
    api('PATCH', `/resources/${encodeURIComponent(resource.id)}`, { syncStatus: 'completed' })
      .then(() => complete.remove())
      .catch((error) => {
        complete.disabled = false;
        $('sync-error').textContent = error.message;
      });
  });
  $('resources').prepend(item);
}

// ---- start --------------------------------------------------------------------------------------------------------

document.querySelectorAll('.user-name').forEach((span) => { span.textContent = user; });
$('user').value = user;
document.title = `ModelChange sample: ${user}`;
$('book-form').addEventListener('submit', (event) => saveBook(event).catch(showBookError));
$('book-cancel').addEventListener('click', resetBookForm);
$('sync-form').addEventListener('submit', (event) => startSync(event).catch((e) => {
  $('sync-error').textContent = e.message;
}));
subscribeToBookChanges();
listen('/resources/sync-events', $('sync-status'), showSyncCompleted);
listen('/books/cache-events', $('cache-status'), showCacheEvent);
loadBooks().catch(showBookError);

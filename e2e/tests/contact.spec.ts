import { test, expect, expectNoAxeViolations, openPage, loseFirstAnswer } from './fixtures';
import { outbox } from './outbox';
import type { APIRequestContext, Page } from '@playwright/test';

// These tests move the server's clock and edit the demo seller's settings: one at a time.
test.describe.configure({ mode: 'serial' });

// Monday 23 November 2026: 10:00 and 20:30 in Bratislava (the seller), 12:00 and 22:30 in
// Moscow (the browser's zone in this suite).
const MONDAY_MORNING = '2026-11-23T09:00:00Z';
const MONDAY_EVENING = '2026-11-23T19:30:00Z';

async function setClock(request: APIRequestContext, now: string) {
  const response = await request.post('/api/test/clock', { data: { now } });
  expect(response.status()).toBe(204);
}

async function signIn(request: APIRequestContext, email: string) {
  const response = await request.post('/api/session', { data: { email, password: 'demo' } });
  expect(response.ok(), await response.text()).toBeTruthy();
}

async function signOut(request: APIRequestContext) {
  await request.delete('/api/session');
}

async function resetDemoSeller(request: APIRequestContext) {
  const response = await request.post('/api/test/contact/demo-seller/reset');
  expect(response.status()).toBe(204);
}

function channel(page: Page, kind: string) {
  return page.locator(`[data-channel="${kind}"]`);
}

test.afterEach(async ({ page }) => {
  await signOut(page.request);
  // Give the clock back to the other suites running beside this one.
  await setClock(page.request, new Date().toISOString());
});

test('the demo seller shows an anonymous, an unverified and a verified shopper what each may use', async ({ page }) => {
  await setClock(page.request, MONDAY_MORNING);
  await openPage(page, '/sellers/demo-seller/contact');
  await expect(page.getByRole('heading', { level: 1, name: 'Contact the seller' })).toBeVisible();
  await expect(page.getByTestId('seller-name')).toHaveText('Severny Veter Home & Apparel');

  // Identity and trust.
  const identity = page.getByTestId('contact-identity');
  await expect(identity).toContainText('Marek Horváth');
  await expect(identity).toContainText('Severny Veter s.r.o.');
  await expect(identity).toContainText('SK2120123456');
  await expect(identity).toContainText('Telegram, WhatsApp');
  await expect(identity).toContainText('Usually within a day');

  // Email: readable and clickable, yet in neither the page's HTML nor the API's JSON.
  const email = page.getByTestId('seller-email');
  await expect(email).toHaveText('marek@severny-veter.example');
  await expect(email).toHaveAttribute('href', 'mailto:marek@severny-veter.example');
  const html = await (await page.request.get('/sellers/demo-seller/contact')).text();
  expect(html).not.toContain('marek@');
  const json = await (await page.request.get('/api/sellers/demo-seller/contact')).text();
  expect(json).not.toContain('marek@');

  // Phone within the hours, with its international code and the preferred action.
  await expect(page.getByTestId('seller-phone')).toHaveText('+421 905 123 456');
  await expect(page.getByRole('link', { name: 'Call +421 905 123 456' })).toHaveAttribute('href', 'tel:+421905123456');
  await expect(channel(page, 'messages')).toContainText('Available now');

  // The postal address is for customers with a verified email: anonymous → sign in.
  const postal = channel(page, 'postal');
  await expect(postal).toContainText('Only for signed-in customers.');
  await expect(postal).not.toContainText('Hlavná');
  await postal.getByRole('link', { name: 'Sign in to use it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill('new@example.com');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on the contact page, signed in with an unverified address → verify it.
  await expect(page).toHaveURL(/\/sellers\/demo-seller\/contact$/);
  await expect(channel(page, 'postal')).toContainText('Only for customers with a verified email address.');
  // No link is ever sent to verify an address, so none is promised: another way is suggested.
  await expect(channel(page, 'postal')).toContainText('Your address new@example.com is not verified yet');
  await expect(channel(page, 'postal')).not.toContainText('link we sent');
  await expect(channel(page, 'postal')).not.toContainText('Hlavná');

  // A verified shopper sees the address.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await signIn(page.request, 'shopper@example.com');
  await page.reload();
  await expect(channel(page, 'postal').locator('address')).toContainText('Hlavná 12');
  await expect(channel(page, 'postal')).not.toContainText('Only for');
});

test('the form-only seller takes messages from registered customers through the form only', async ({ page }) => {
  await openPage(page, '/sellers/form-only/contact');
  await expect(page.getByTestId('seller-name')).toHaveText('Lavka Masterov');
  await expect(page.locator('[data-channel]')).toHaveCount(1);
  await expect(channel(page, 'contactform')).toContainText('Only for signed-in customers.');
  await expect(page.getByRole('heading', { name: /Write to/ })).toHaveCount(0);

  await signIn(page.request, 'new@example.com');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Write to Lavka Masterov' })).toBeVisible();
  await expect(page.getByLabel('Your email for the reply')).toHaveValue('new@example.com');

  await signOut(page.request);
  await signIn(page.request, 'shopper@example.com');
  await page.reload();
  await expect(page.getByLabel('Your email for the reply')).toHaveValue('shopper@example.com');
  await expect(channel(page, 'contactform')).not.toContainText('Only for');
});

test('the quiet seller says it takes no contact and what to do instead', async ({ page }) => {
  await signIn(page.request, 'shopper@example.com');
  await openPage(page, '/sellers/quiet-seller/contact');
  const card = page.getByTestId('contact-card');
  await expect(card).toContainText('Tikhaya Gavan Furniture does not take messages or calls.');
  await expect(card.getByRole('link', { name: 'find your order' })).toHaveAttribute('href', '/orders/lookup');
  await expect(card.getByRole('link', { name: 'track it' })).toHaveAttribute('href', '/track');
  // The store's help pages, as the store names them.
  const help = (await (await page.request.get('/config.json')).json()).help_url;
  await expect(card.getByRole('link', { name: 'Open the help pages' })).toHaveAttribute('href', help);
  await expect(page.locator('[data-channel]')).toHaveCount(0);
  await expect(page.locator('form')).toHaveCount(0);
});

test('outside the hours the phone is hidden, and the next window is given in the seller’s and the shopper’s time', async ({ page }) => {
  await setClock(page.request, MONDAY_EVENING);
  const json = await (await page.request.get('/api/sellers/demo-seller/contact')).text();
  expect(json).not.toContain('905');
  await openPage(page, '/sellers/demo-seller/contact');
  const phone = channel(page, 'phone');
  await expect(phone.getByTestId('phone-hidden')).toContainText('The number is shown during the seller\'s hours only.');
  await expect(phone).toContainText(
    'Calls from Nov 24, 2026, 9:00 AM (seller\'s time, Europe/Bratislava) — your time Nov 24, 2026, 11:00 AM.',
  );
  await expect(page.getByTestId('seller-phone')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('905');
  await expect(channel(page, 'messages')).toContainText('Usually replies within a day.');
});

test('a message about order 1042: subject prefilled, sent, acknowledged, and in the outbox for the seller', async ({ page }) => {
  await setClock(page.request, MONDAY_EVENING);
  await signIn(page.request, 'shopper@example.com');
  await openPage(page, '/sellers/demo-seller/contact?order=1042');
  await expect(page.getByText('About order 1042')).toBeVisible();
  await expect(page.getByLabel('Subject')).toHaveValue('Order 1042');
  await expect(page.getByLabel('Your email for the reply')).toHaveValue('shopper@example.com');
  await expect(page.getByText('you can send up to 3 messages every 15 minutes')).toBeVisible();

  // Checked at the field before anything is sent.
  await page.getByRole('button', { name: 'Send the message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please check these details' })).toBeVisible();
  await expect(page.getByLabel('Your message')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Your message').fill('Hello! Could you send order 1042 with a gift note?');
  await page.getByRole('button', { name: 'Send the message' }).click();
  const receipt = page.getByTestId('contact-receipt');
  await expect(receipt).toContainText('Your message has arrived.');
  await expect(receipt).toContainText('Severny Veter Home & Apparel usually replies within a day: expect an answer by Nov 24, 2026');
  await expect(receipt).toContainText('A confirmation has been sent to shopper@example.com.');
  // The reference number to quote, the same one the seller's copy carries, and the help pages.
  const reference = (await receipt.getByTestId('contact-reference').innerText()).trim();
  expect(reference).toMatch(/^[A-Z0-9-]{6,}$/);
  await expect(receipt).toContainText(`Reference number: ${reference}. Quote it if you write again about this.`);
  await expect(receipt.getByRole('link', { name: 'Open the help pages' })).toHaveAttribute('href', '/track');

  const toSeller = (await outbox()).find((e) => e.file.endsWith('-to-seller.eml') && e.text.includes('gift note'));
  expect(toSeller, 'the seller\'s copy in the outbox').toBeTruthy();
  expect(toSeller!.headers).toContain('To: "Severny Veter Home & Apparel" <marek@severny-veter.example>');
  expect(toSeller!.headers).toContain('Reply-To: <shopper@example.com>');
  expect(toSeller!.headers).toContain('Subject: Order 1042');
  expect(toSeller!.text).toContain('About order: 1042');
  // The seller's signature between two horizontal lines (seed 003).
  const signature = toSeller!.text.split('----------------------------------------')[1];
  expect(signature).toContain('Marek Horváth');
  expect(signature).toContain('https://severny-veter.example');
  expect(signature).toContain('marek@severny-veter.example');
  const ack = (await outbox()).find((e) => e.file.endsWith('-acknowledgement.eml') && e.text.includes('gift note'));
  // The acknowledgement's subject is the store's own, never the sender's words (anyone could
  // otherwise send their text to any address through the form).
  expect(ack!.subject).toMatch(/^Your message to Severny Veter Home & Apparel has arrived \(reference [A-Z0-9]{4}-[A-Z0-9]{4}\)$/);
  expect(ack!.text).toContain('has arrived');
});

test('a message whose answer was lost reaches the seller once when the shopper sends it again', async ({ page }) => {
  await setClock(page.request, MONDAY_MORNING);
  const text = `Is the wool blanket machine washable? (asked once, ${Date.now()})`;
  // The first attempt reaches the store, which takes the message; its answer never comes back.
  const keys = await loseFirstAnswer(page, /\/api\/sellers\/demo-seller\/messages$/);
  await openPage(page, '/sellers/demo-seller/contact');
  await page.getByLabel('Subject').fill('Wool blanket');
  await page.getByLabel('Your message').fill(text);
  await page.getByLabel('Your email for the reply').fill(`once-${Date.now()}@example.com`);
  const send = page.getByRole('button', { name: 'Send the message' });
  await send.click();
  await expect(page.getByText('We could not reach the store.').first()).toBeVisible();
  // Nothing typed is lost; the shopper sends again.
  await expect(page.getByLabel('Your message')).toHaveValue(text);
  await send.click();
  const receipt = page.getByTestId('contact-receipt');
  await expect(receipt).toContainText('Your message has arrived.');
  const reference = (await receipt.getByTestId('contact-reference').innerText()).trim();
  const copies = (await outbox()).filter((e) => e.file.endsWith('-to-seller.eml') && e.text.includes(text));
  expect(copies, 'one copy for the seller').toHaveLength(1);
  expect(copies[0].file, 'under the reference the shopper was shown').toContain(reference);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1], 'the second attempt repeats the first one\'s key').toBe(keys[0]);
});

test('a message sent on Friday evening promises a reply on Monday, within the seller\'s hours', async ({ page }) => {
  // Friday 27 November 2026, 20:30 in Bratislava (the seller's hours are over), 22:30 in Moscow.
  await setClock(page.request, '2026-11-27T19:30:00Z');
  // The seller works Monday to Friday only (the demo seller's Saturday morning closed).
  await resetDemoSeller(page.request);
  await signIn(page.request, 'seller@example.com');
  const current = await (await page.request.get('/api/sellers/demo-seller/contact-settings')).json();
  current.settings.hours.sat = [];
  const saved = await page.request.put('/api/sellers/demo-seller/contact-settings', { data: { version: current.version, settings: current.settings } });
  expect(saved.ok(), await saved.text()).toBeTruthy();
  await signOut(page.request);
  await signIn(page.request, 'shopper@example.com');
  await openPage(page, '/sellers/demo-seller/contact');
  await page.getByLabel('Subject').fill('Washing the linen shirt');
  await page.getByLabel('Your message').fill('Hello! Can the linen shirt be washed at 60 degrees? Asked on a Friday evening.');
  await page.getByRole('button', { name: 'Send the message' }).click();
  // "Within a day" counts working hours: none on the weekend, so the end of Monday's hours
  // (18:00 in Bratislava, 20:00 in the shopper's Moscow).
  const receipt = page.getByTestId('contact-receipt');
  await expect(receipt).toContainText('Severny Veter Home & Apparel usually replies within a day: expect an answer by Nov 30, 2026');
  const ack = (await outbox()).find((e) => e.file.endsWith('-acknowledgement.eml') && e.text.includes('Asked on a Friday evening'));
  expect(ack, 'the acknowledgement in the outbox').toBeTruthy();
  expect(ack!.text.replace(/[\u00a0\u202f]/g, ' ')).toContain('expect an answer by Monday, November 30, 2026 at 6:00 PM (Europe/Bratislava time)');
  await resetDemoSeller(page.request);
});

test('a robot that fills the hidden field gets an answer but no message goes out; a flood is slowed down in words', async ({ page }) => {
  await setClock(page.request, MONDAY_MORNING);
  await openPage(page, '/sellers/demo-seller/contact');
  const before = (await outbox()).length;
  await page.getByLabel('Subject').fill('Cheap watches');
  await page.getByLabel('Your message').fill('Buy now');
  await page.getByLabel('Your email for the reply').fill('robot@spam.example');
  await page.locator('#contact-website').evaluate((el: HTMLInputElement) => {
    el.value = 'http://spam.example';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.getByRole('button', { name: 'Send the message' }).click();
  await expect(page.getByTestId('contact-receipt')).toContainText('Your message has arrived.');
  expect((await outbox()).length).toBe(before);

  // A person writing again and again: three messages pass, the fourth is refused in words.
  await page.reload();
  const sender = `eager-${Date.now()}@example.com`;
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel('Subject').fill(`Question ${i}`);
    await page.getByLabel('Your message').fill('Do you ship to Košice?');
    await page.getByLabel('Your email for the reply').fill(sender);
    await page.getByRole('button', { name: 'Send the message' }).click();
    if (i < 4) {
      await expect(page.getByTestId('contact-receipt')).toContainText('Your message has arrived.');
      await page.getByRole('button', { name: 'Write another message' }).click();
    }
  }
  await expect(page.getByRole('alert').filter({ hasText: 'You have sent several messages in a short time' })).toContainText(
    'you can send the next one in 15 minutes',
  );
});

// Tuesday 1 December 2026, 10:00 in Bratislava: later than every other test's clock, so the
// network's and the senders' counts start afresh.
const TUESDAY_MORNING = '2026-12-01T09:00:00Z';

test('the address a seller hides is on no page and in no acknowledgement, though the message reaches it', async ({ page }) => {
  await setClock(page.request, TUESDAY_MORNING);
  await signIn(page.request, 'shopper@example.com');
  await openPage(page, '/sellers/form-only/contact');
  await expect(page.getByRole('heading', { name: 'Write to Lavka Masterov' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('irina@');
  await expect(page.locator('a[href^="mailto:"]')).toHaveCount(0);

  await page.getByLabel('Subject').fill('A carved spoon');
  await page.getByLabel('Your message').fill('Do you carve spoons to order? Asked of the seller who hides her address.');
  await page.getByRole('button', { name: 'Send the message' }).click();
  const receipt = page.getByTestId('contact-receipt');
  await expect(receipt).toContainText('A confirmation has been sent to shopper@example.com.');
  const reference = (await receipt.getByTestId('contact-reference').innerText()).trim();

  // This message's e-mails: their files carry its reference number.
  const mails = (await outbox()).filter((e) => e.file.includes(reference));
  const toSeller = mails.find((e) => e.file.endsWith('-to-seller.eml'));
  expect(toSeller!.to).toEqual(['irina@lavka-masterov.example']);
  const ack = mails.find((e) => e.file.endsWith('-acknowledgement.eml'));
  expect(ack, 'the acknowledgement to the signed-in, verified shopper').toBeTruthy();
  expect(ack!.to).toEqual(['shopper@example.com']);
  expect(ack!.text).toContain(reference);
  // The signature is there, without the address the seller hides, in the text and the HTML.
  expect(ack!.text).toContain('Irina Sokolova');
  expect(ack!.text).not.toContain('irina@');
  expect(ack!.html).not.toContain('irina@');
});

test('one mailbox written several ways is one sender: the fourth message is refused, and the mailbox got nothing', async ({ page }) => {
  await setClock(page.request, TUESDAY_MORNING);
  // Anyone may type any address: three messages "from" the victim's mailbox, each written another way.
  for (const variant of ['victim@example.com', 'a <victim@example.com>', '"b" <Victim@Example.com>']) {
    const response = await page.request.post('/api/sellers/demo-seller/messages', {
      data: { subject: 'Your account is locked', message: 'Verify at https://evil.example', reply_to: variant },
    });
    expect(response.status(), `${variant}: ${await response.text()}`).toBe(201);
    expect((await response.json()).acknowledgement_sent_to, 'nobody signed in: no e-mail to the typed address').toBeUndefined();
  }

  await openPage(page, '/sellers/demo-seller/contact');
  const email = page.getByLabel('Your email for the reply');
  // What could break a header or route the mail elsewhere is not an address: said at the field.
  await page.getByLabel('Subject').fill('Your account is locked');
  await page.getByLabel('Your message').fill('Verify at https://evil.example');
  await email.fill('a<victim@example.com');
  await page.getByRole('button', { name: 'Send the message' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter an email address like name@example.com.').first()).toBeVisible();
  // The same mailbox in capitals: the fourth message from it, refused in words.
  await email.fill('VICTIM@example.com');
  await page.getByRole('button', { name: 'Send the message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'You have sent several messages in a short time' })).toBeVisible();
  await expect(page.getByTestId('contact-receipt')).toBeHidden();

  // The seller got the three messages; the victim's mailbox got nothing at all.
  const mails = (await outbox()).filter((e) => e.text.includes('evil.example'));
  expect(mails.map((e) => e.file.endsWith('-to-seller.eml'))).toEqual([true, true, true]);
  expect(mails.flatMap((e) => e.to)).toEqual(['marek@severny-veter.example', 'marek@severny-veter.example', 'marek@severny-veter.example']);
});

async function openEditorAsSeller(page: Page) {
  await signIn(page.request, 'seller@example.com');
  await openPage(page, '/seller/contact');
  await expect(page.getByRole('heading', { level: 1, name: 'Your contact page' })).toBeVisible();
  await expect(page.getByLabel('Phone number')).toHaveValue('+421 905 123 456');
}

test('without a session the editor sends the seller to sign in and back; another account is refused', async ({ page }) => {
  await openPage(page, '/seller/contact');
  await expect(page).toHaveURL(/\/sign-in\?return=%2Fseller%2Fcontact$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill('seller@example.com');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The email or password is not right' })).toBeVisible();
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/seller\/contact$/);
  await expect(page.getByLabel('Phone number')).toHaveValue('+421 905 123 456');

  await signOut(page.request);
  await signIn(page.request, 'shopper@example.com');
  await openPage(page, '/seller/contact');
  await expect(page.getByTestId('editor-forbidden')).toContainText('This account does not manage a store');
  const response = await page.request.get('/api/sellers/demo-seller/contact-settings');
  expect(response.status()).toBe(403);
});

test('the seller edits, sees the preview follow at once, saves, and the public widget changes', async ({ page }) => {
  await resetDemoSeller(page.request);
  await openEditorAsSeller(page);
  const preview = page.getByTestId('editor-preview');

  // Preview at a chosen moment: Monday 10:00 in the seller's zone.
  await page.getByLabel('At', { exact: true }).fill('2026-11-23T10:00');
  await expect(preview).toContainText('As shoppers would see it at Nov 23, 2026, 10:00 AM');
  await expect(preview.getByText('Call +421 905 123 456')).toBeVisible();

  await page.getByLabel('Text messages (SMS)').check();
  await expect(preview.getByText('Send an SMS to +421 905 123 456')).toBeVisible();
  // Moving the moment to the evening hides the number in the preview too.
  await page.getByLabel('At', { exact: true }).fill('2026-11-23T20:30');
  await expect(preview).toContainText('Text messages from Nov 24, 2026, 9:00 AM');
  await expect(preview.getByTestId('seller-phone')).toHaveCount(0);
  // And a shopper of another kind.
  await page.getByLabel('Show it to').selectOption('verified');
  await expect(preview.locator('[data-channel="postal"] address')).toContainText('Hlavná 12');

  // A free mailbox is a warning, not a refusal.
  await page.getByLabel('Email address').fill('severny.veter@gmail.com');
  await expect(page.getByTestId('free-mailbox-warning')).toContainText('free mailbox service');
  await page.getByLabel('Email address').fill('marek@severny-veter.example');
  await expect(page.getByTestId('free-mailbox-warning')).toHaveCount(0);

  await expect(page.getByText('You have unsaved changes.')).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved. Shoppers now see the new settings.')).toBeVisible();
  await expect(page.getByText('All changes are saved.')).toBeVisible();

  await setClock(page.request, MONDAY_MORNING);
  await signOut(page.request);
  await openPage(page, '/sellers/demo-seller/contact');
  await expect(page.getByRole('link', { name: 'Send an SMS to +421 905 123 456' })).toHaveAttribute('href', 'sms:+421905123456');
  await resetDemoSeller(page.request);
});

test('“away now” set in the editor shows in the widget inside the hours, and ends with the day’s hours', async ({ page }) => {
  await resetDemoSeller(page.request);
  await setClock(page.request, MONDAY_MORNING);
  await openPage(page, '/sellers/demo-seller/contact');
  await expect(channel(page, 'messages')).toContainText('Available now');

  await openEditorAsSeller(page);
  await expect(page.getByLabel('As my hours say')).toBeChecked();
  await page.getByLabel("Away now: busy for the rest of today's hours").check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved. Shoppers now see the new settings.')).toBeVisible();

  await signOut(page.request);
  await openPage(page, '/sellers/demo-seller/contact');
  await expect(channel(page, 'messages')).toContainText('Usually replies within a day.');
  await expect(channel(page, 'messages')).not.toContainText('Available now');

  // Tuesday morning the hours decide again.
  await setClock(page.request, '2026-11-24T08:30:00Z');
  await page.reload();
  await expect(channel(page, 'messages')).toContainText('Available now');
  await resetDemoSeller(page.request);
});

test('mistakes are shown at the field and in a summary, and nothing is saved', async ({ page }) => {
  await resetDemoSeller(page.request);
  await openEditorAsSeller(page);
  const before = (await (await page.request.get('/api/sellers/demo-seller/contact-settings')).json()).version;
  const phone = page.getByLabel('Phone number');
  await phone.fill('0905 123 456');
  await phone.blur();
  await expect(page.getByText('Enter the phone number with its country code')).toBeVisible();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');

  // A second Monday range that overlaps the first.
  await page.getByRole('button', { name: 'Add a range to Monday' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Please check these details' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Enter the phone number with its country code');
  await expect(summary).toContainText('This range overlaps another one.');
  await summary.getByRole('link', { name: 'This range overlaps another one.' }).click();
  await expect(page.getByLabel('Monday, range 2, from')).toBeFocused();

  // No hours at all while the phone is on.
  await page.getByRole('button', { name: 'Remove range 2 of Monday' }).click();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) {
    await page.getByRole('button', { name: `Remove range 1 of ${day}` }).click();
  }
  await expect(page.getByText('The phone is shown only during your hours: add some hours below.').first()).toBeVisible();
  const settings = await (await page.request.get('/api/sellers/demo-seller/contact-settings')).json();
  expect(settings.settings.phone.number).toBe('+421 905 123 456');
  expect(settings.version).toBe(before);
});

test('a save from a stale second tab is refused with an offer to reload, never overwriting', async ({ page, context }) => {
  await resetDemoSeller(page.request);
  await openEditorAsSeller(page);
  const second = await context.newPage();
  await openPage(second, '/seller/contact');
  await expect(second.getByLabel('Phone number')).toHaveValue('+421 905 123 456');

  await page.getByLabel('Text messages (SMS)').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved. Shoppers now see the new settings.')).toBeVisible();

  await second.getByLabel('Name you are known by').fill('Marek from Bratislava');
  await second.getByRole('button', { name: 'Save changes' }).click();
  const conflict = second.getByTestId('editor-conflict');
  await expect(conflict).toContainText('These settings were changed elsewhere.');
  await expect(conflict).toContainText('nothing was overwritten');
  const saved = await (await page.request.get('/api/sellers/demo-seller/contact-settings')).json();
  expect(saved.settings.phone.action).toBe('sms');
  expect(saved.settings.identity.nickname).toBe('');

  await conflict.getByRole('button', { name: 'Reload the current settings' }).click();
  await expect(second.getByLabel('Text messages (SMS)')).toBeChecked();
  await expect(second.getByLabel('Name you are known by')).toHaveValue('');
  await expect(second.getByText('All changes are saved.')).toBeVisible();
  await second.close();
  await resetDemoSeller(page.request);
});

test('leaving the editor with unsaved changes asks first', async ({ page, context }) => {
  await resetDemoSeller(page.request);
  await openEditorAsSeller(page);
  await page.getByLabel('Name you are known by').click();
  await page.keyboard.type('Marek');

  // A link elsewhere in the app: staying keeps the change.
  page.once('dialog', (dialog) => {
    expect(dialog.type()).toBe('confirm');
    expect(dialog.message()).toContain('unsaved changes');
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Track a parcel' }).first().click();
  await expect(page).toHaveURL(/\/seller\/contact$/);
  await expect(page.getByLabel('Name you are known by')).toHaveValue('Marek');

  // Leaving after all.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('link', { name: 'Track a parcel' }).first().click();
  await expect(page).toHaveURL(/\/track$/);

  // Closing or reloading the tab: the browser's own question.
  const tab = await context.newPage();
  await openPage(tab, '/seller/contact');
  await tab.getByLabel('Name you are known by').click();
  await tab.keyboard.type('Marek');
  const asked = new Promise<string>((resolve) => tab.once('dialog', (d) => { resolve(d.type()); void d.accept(); }));
  await tab.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});

test('the structured data parses and matches what the seller set', async ({ page }) => {
  await resetDemoSeller(page.request);
  await setClock(page.request, MONDAY_MORNING);
  await openPage(page, '/sellers/demo-seller/contact');
  await expect(page.getByTestId('seller-phone')).toBeVisible();
  const script = page.locator('script[type="application/ld+json"]');
  await expect(script).toHaveCount(1);
  const data = JSON.parse((await script.textContent()) ?? '');
  const api = await (await page.request.get('/api/sellers/demo-seller/contact')).json();

  expect(data['@context']).toBe('https://schema.org');
  expect(data.name).toBe('Severny Veter Home & Apparel');
  expect(data.legalName).toBe('Severny Veter s.r.o.');
  expect(data.taxID).toBe('SK2120123456');
  const point = data.contactPoint[0];
  expect(point['@type']).toBe('ContactPoint');
  expect(point.telephone).toBe('+421905123456');
  const days: Record<string, string> = {
    mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
  };
  const expected: object[] = [];
  for (const [key, name] of Object.entries(days)) {
    for (const r of api.hours[key] ?? []) {
      expected.push({ '@type': 'OpeningHoursSpecification', dayOfWeek: `https://schema.org/${name}`, opens: r.start, closes: r.end });
    }
  }
  for (const o of api.overrides) {
    if (o.ranges.length === 0) {
      expected.push({ '@type': 'OpeningHoursSpecification', validFrom: o.date, validThrough: o.date, opens: '00:00', closes: '00:00' });
    }
    for (const r of o.ranges) {
      expected.push({ '@type': 'OpeningHoursSpecification', validFrom: o.date, validThrough: o.date, opens: r.start, closes: r.end });
    }
  }
  expect(point.hoursAvailable).toEqual(expected);
  expect(point.hoursAvailable).toContainEqual(
    expect.objectContaining({ dayOfWeek: 'https://schema.org/Monday', opens: '09:00', closes: '18:00' }),
  );
  expect(point.hoursAvailable.some((h: { validFrom?: string }) => h.validFrom?.endsWith('-12-24'))).toBeTruthy();
  // Leaving the page takes the structured data with it.
  await page.getByRole('link', { name: 'Track a parcel' }).first().click();
  await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(0);
});

test('the widget, the form, the sign-in page and the editor have no accessibility violations', async ({ page }) => {
  await resetDemoSeller(page.request);
  await setClock(page.request, MONDAY_MORNING);
  await openPage(page, '/sellers/demo-seller/contact');
  await expect(page.getByTestId('seller-phone')).toBeVisible();
  await expectNoAxeViolations(page);

  await openPage(page, '/sign-in');
  await expectNoAxeViolations(page);

  await signIn(page.request, 'shopper@example.com');
  await openPage(page, '/sellers/demo-seller/contact?shipment=PX1000000004');
  await expect(page.getByLabel('Subject')).toHaveValue('Shipment PX1000000004');
  await page.getByRole('button', { name: 'Send the message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please check these details' })).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page.request);

  await openEditorAsSeller(page);
  await expectNoAxeViolations(page);
});

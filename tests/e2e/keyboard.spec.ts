// The whole renewal with the keyboard alone: after the first page load the
// test only presses keys (Tab, Shift+Tab, Space, Enter, arrows) and types, as
// a user without a mouse would. After every "Continua" the focus has to be on
// the new page's heading, so that a screen reader starts reading there.
import { test, expect } from './fixtures';
import {
  COMPANY,
  containing,
  continueButton,
  exactly,
  expectPage,
  expectPageWithFocusOnHeading,
  field,
  it,
  problemsHeading,
  tabTo,
  tierRadio,
  TIERS,
} from './helpers';

test('a keyboard user completes the whole renewal, with the focus on each new heading', async ({ page }) => {
  test.setTimeout(60_000);
  const kb = page.keyboard;
  await page.goto('./');
  await expectPage(page, 'landing.title');

  // Landing: Tab to the start link and follow it with Enter.
  await tabTo(page, page.getByRole('link', { name: exactly(it['landing.start']) }));
  await kb.press('Enter');
  await expectPageWithFocusOnHeading(page, 'company.title');

  // Company: Tab from field to field and type; the optional codice fiscale,
  // SDI code and customer code are skipped.
  const company: [string, string][] = [
    ['ragione_sociale', COMPANY.ragione_sociale],
    ['partita_iva', COMPANY.partita_iva],
    ['indirizzo', COMPANY.indirizzo],
    ['cap', COMPANY.cap],
    ['comune', COMPANY.comune],
    ['provincia', COMPANY.provincia],
    ['email', COMPANY.email],
    ['pec', COMPANY.pec],
    ['telefono', COMPANY.telefono],
    ['rappr_nome', COMPANY.rappr_nome],
    ['rappr_cognome', COMPANY.rappr_cognome],
    ['rappr_cf', COMPANY.rappr_cf],
  ];
  for (const [key, value] of company) {
    const input = field(page, key);
    await tabTo(page, input);
    await kb.type(value);
    await expect(input).toHaveValue(value);
  }
  // Back up one field with Shift+Tab: the surname is still there.
  await kb.press('Shift+Tab');
  await expect(field(page, 'rappr_cognome')).toBeFocused();
  await tabTo(page, continueButton(page));
  await kb.press('Enter');
  await expectPageWithFocusOnHeading(page, 'activations.title');

  // Activations: type the number and submit with Enter in the field.
  const activations = field(page, 'activations');
  await tabTo(page, activations);
  await kb.type('3');
  await kb.press('Enter');
  await expectPageWithFocusOnHeading(page, 'support.title');

  // Support: Tab into the radio group, choose with the arrow keys.
  const [onCall, sla1, sla2] = TIERS.map((t) => tierRadio(page, t.id));
  await tabTo(page, onCall);
  await kb.press('Space');
  await expect(onCall).toBeChecked();
  await kb.press('ArrowDown');
  await expect(sla1).toBeFocused();
  await expect(sla1).toBeChecked();
  await kb.press('ArrowDown');
  await expect(sla2).toBeChecked();
  await kb.press('ArrowUp');
  await expect(sla1).toBeChecked();
  await expect(onCall).not.toBeChecked();
  await expect(sla2).not.toBeChecked();
  // Continue with Space on the button this time.
  await tabTo(page, continueButton(page));
  await kb.press('Space');
  await expectPageWithFocusOnHeading(page, 'signing.title');

  // Form signing: signer, place and date come from the company data.
  await expect(field(page, 'form_signer')).toHaveValue(`${COMPANY.rappr_nome} ${COMPANY.rappr_cognome}`);
  await expect(field(page, 'form_place')).toHaveValue(COMPANY.comune);
  await expect(field(page, 'form_date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const formSignature = page.getByRole('group', { name: exactly(it['signature.legend']) });
  const drawn = formSignature.getByRole('radio', { name: exactly(it['signature.method.drawn']) });
  const typed = formSignature.getByRole('radio', { name: exactly(it['signature.method.typed']) });
  await expect(drawn).toBeChecked();
  await tabTo(page, drawn);
  await kb.press('ArrowDown');
  await expect(typed).toBeChecked();
  const typedName = formSignature.getByLabel(exactly(it['signature.typed_label']));
  await tabTo(page, typedName);
  await kb.type('Mario Rossi');
  await expect(typedName).toHaveValue('Mario Rossi');
  // Shift+Tab goes back to the chosen method.
  await kb.press('Shift+Tab');
  await expect(typed).toBeFocused();
  // The stamp: from "upload" (the default) to "by hand" with the arrow keys.
  const stamp = page.getByRole('group', { name: exactly(it['stamp.legend']) });
  const stampUpload = stamp.getByRole('radio', { name: exactly(it['stamp.method.uploaded']) });
  const stampByHand = stamp.getByRole('radio', { name: exactly(it['stamp.method.by_hand']) });
  await tabTo(page, stampUpload);
  await kb.press('ArrowDown');
  await expect(stampByHand).toBeChecked();
  await expect(stamp.getByText(it['stamp.by_hand_info'])).toBeVisible();
  await tabTo(page, continueButton(page));
  await kb.press('Enter');
  await expectPageWithFocusOnHeading(page, 'conditions.title');

  // Conditions: accept, reuse the form's signing, approve the clauses and
  // type the approval's signature.
  const accept = page.getByRole('checkbox', { name: exactly(it['conditions.accept']) });
  const reuse = page.getByRole('checkbox', { name: exactly(it['conditions.reuse']) });
  const onerous = page.getByRole('checkbox', { name: exactly(it['conditions.onerous_accept']) });
  await tabTo(page, accept);
  await kb.press('Space');
  await expect(accept).toBeChecked();
  await tabTo(page, reuse);
  await kb.press('Space');
  await expect(reuse).toBeChecked();
  await expect(page.getByText(it['conditions.reused'])).toBeVisible();
  await tabTo(page, onerous);
  await kb.press('Space');
  await expect(onerous).toBeChecked();
  const onerousSignature = page.getByRole('group', { name: exactly(it['conditions.onerous_signature']) });
  const onerousDrawn = onerousSignature.getByRole('radio', { name: exactly(it['signature.method.drawn']) });
  const onerousTyped = onerousSignature.getByRole('radio', { name: exactly(it['signature.method.typed']) });
  await tabTo(page, onerousDrawn);
  await kb.press('ArrowDown');
  await expect(onerousTyped).toBeChecked();
  const onerousName = onerousSignature.getByLabel(exactly(it['signature.typed_label']));
  await tabTo(page, onerousName);
  await kb.type('Mario Rossi');
  await tabTo(page, continueButton(page));
  await kb.press('Enter');
  await expectPageWithFocusOnHeading(page, 'review.title');

  // Review: nothing missing.
  await expect(page.getByRole('heading', { name: exactly(it['review.ready_title']) })).toBeVisible();
  await expect(page.getByText(it['review.ready'])).toBeVisible();
  await expect(problemsHeading(page)).toHaveCount(0);
  await expect(page.getByRole('definition').filter({ hasText: exactly(COMPANY.ragione_sociale) })).toBeVisible();
});

// Enter in a text field submits its step, which removes the field while it
// has the focus: the field's blur handler must not touch the page that is
// going away (it once read a disposed memo and panicked).
test('pressing Enter in an invalid field keeps the step and shows the error', async ({ page }) => {
  await page.goto('./#/attivazioni');
  await expectPage(page, 'activations.title');
  const activations = field(page, 'activations');
  await tabTo(page, activations);
  await page.keyboard.type('tre');
  await page.keyboard.press('Enter');
  await expectPage(page, 'activations.title');
  await expect(activations).toBeFocused();
  await expect(activations).toHaveAccessibleDescription(containing(it['error.activations.not_a_number']));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expectPageWithFocusOnHeading(page, 'support.title');
});

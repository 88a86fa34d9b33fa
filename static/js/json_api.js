// A JSON request to the API that never throws, and the reason of a refusal in words (the
// server's sentence, with the field it names when the sentence does not say it already).

// {ok, status, body}; a network error is status 0
export async function call(method, url, body) {
  try {
    const response = await fetch(url, {
      method, credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body: data };
  } catch (error) {
    return { ok: false, status: 0, body: null };
  }
}

export const fmt = (text, values) =>
  Object.entries(values).reduce((out, [key, value]) => out.replaceAll(`{${key}}`, String(value)), text);

// fieldWords: a sentence with {field}, e.g. "(field: {field})"
export function why(result, fieldWords) {
  const error = result.body?.error;
  if (!error) return result.status ? `HTTP ${result.status}` : "network";
  const field = error.field && !error.message.includes(error.field) ? ` ${fmt(fieldWords, { field: error.field })}` : "";
  return `${error.message}${field}`;
}

/** A locale file: flat map of `<context>.<page>.<element>` keys to text (style.md §8). */
export type Messages = Record<string, string>;

export type Lang = 'zh-CN' | 'en-US';

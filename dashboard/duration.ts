// A duration as staff read it, in the two largest units that matter: "45 s", "12 min", "2 h 10 min",
// "3 d 4 h" ("3 j 4 h" in French). Rounded once, at the smallest unit shown, so it never reads "2 h 60 min".

export function formatDuration(seconds: number, dayUnit: string): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const m = minutes % 60;
    return m ? `${Math.floor(minutes / 60)} h ${m} min` : `${minutes / 60} h`;
  }
  const hours = Math.round(s / 3600);
  const h = hours % 24;
  return h ? `${Math.floor(hours / 24)} ${dayUnit} ${h} h` : `${hours / 24} ${dayUnit}`;
}

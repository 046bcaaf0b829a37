/**
 * Owner files: CSV mapping NORAD catalog numbers to owner nation trigraphs, header `norad,owner`
 * (further columns ignored). scenarios/data/owners-ucs-2023.csv is one, derived from the UCS Satellite
 * Database (see scenarios/data/PROVENANCE.md).
 */
export function parseOwnersCsv(text) {
    const owners = new Map();
    const problems = [];
    const lines = text.split('\n');
    const header = (lines[0] ?? '').replace(/\r$/, '').split(',').map((h) => h.trim().toLowerCase());
    const iNorad = header.indexOf('norad');
    const iOwner = header.indexOf('owner');
    if (iNorad < 0 || iOwner < 0) {
        problems.push({ line: 1, col: 1, message: `the first line must be a header naming the columns 'norad' and 'owner', found '${lines[0] ?? ''}'` });
        return { owners, problems };
    }
    for (let i = 1; i < lines.length; i++) {
        const line = lines[i].replace(/\r$/, '');
        if (line.trim() === '')
            continue;
        // Only the first columns matter; quoted fields come later in our files, so a plain split suffices
        // for the two we read as long as they precede any quoted column.
        const cells = line.split(',');
        const norad = (cells[iNorad] ?? '').trim();
        const owner = (cells[iOwner] ?? '').trim();
        if (!/^\d+$/.test(norad)) {
            problems.push({ line: i + 1, col: 1, message: `'${norad}' is not a NORAD catalog number` });
            continue;
        }
        if (!/^[A-Z]{3}$/.test(owner)) {
            problems.push({ line: i + 1, col: line.indexOf(owner) + 1 || 1, message: `owner '${owner}' is not a three-letter nation code` });
            continue;
        }
        if (!owners.has(Number(norad)))
            owners.set(Number(norad), owner);
    }
    return { owners, problems };
}
//# sourceMappingURL=owners.js.map
// The Digital Services Act's part of the discussion (its own chunk): the statement of reasons on the
// author's own removed or held comment, the appeal form, and the notice of illegal content.
export const dsaReady = true;

// Placeholder until the lab lands: the lab's bring-up replaces this.
export default async function setup(): Promise<void> {}

import type { APIRoute } from 'astro';
import { getStats } from '../../data';

export const GET: APIRoute = async () => Response.json(await getStats());

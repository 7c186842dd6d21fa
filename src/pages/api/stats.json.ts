import type { APIRoute } from 'astro';
import { getStats } from '../../data/archive';

export const GET: APIRoute = async () => Response.json(await getStats());

import type { APIRoute } from 'astro';
import { getThemesDocument } from '../../data';

export const GET: APIRoute = async () => Response.json(await getThemesDocument());
